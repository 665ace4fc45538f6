// SHA-512 (FIPS 180-4), needed because random.seed(str) hashes the text with it.
// Pure function, any thread.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace script::support {

using Sha512Digest = std::array<std::uint8_t, 64>;

Sha512Digest sha512(std::string_view bytes) noexcept;
// Lower-case hex of a digest (128 characters), as hashlib's hexdigest().
std::string sha512_hex(std::string_view bytes);

} // namespace script::support
