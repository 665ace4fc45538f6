// Joins strings by appending (GCC 12 warns falsely, -Wrestrict, on chains of
// operator+ at -O3; appending is also cheaper).
#pragma once

#include <string>
#include <string_view>

namespace aio {

template <class... Parts>
std::string str_cat(const Parts&... parts)
{
    std::string out;
    out.reserve((std::string_view(parts).size() + ... + 0));
    (out.append(std::string_view(parts)), ...);
    return out;
}

}  // namespace aio
