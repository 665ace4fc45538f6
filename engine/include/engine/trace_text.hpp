// Short texts of values for the trace ("42", "'ok'", "[1, 2]"). A type can supply
// its own with a free function `std::string aio_trace_text(const T&)` found by ADL.
#pragma once

#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>

namespace aio {

template <class T>
std::string trace_text(const T& v)
{
    if constexpr (requires { { aio_trace_text(v) } -> std::convertible_to<std::string>; })
        return aio_trace_text(v);
    else if constexpr (std::is_same_v<T, bool>)
        return v ? "True" : "False";
    else if constexpr (std::is_arithmetic_v<T>)
        return std::to_string(v);
    else if constexpr (std::is_convertible_v<const T&, std::string_view>)
        return "'" + std::string(std::string_view(v)) + "'";
    else
        return "<value>";
}

}  // namespace aio
