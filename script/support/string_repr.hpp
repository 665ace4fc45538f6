// Python's repr() of a str and the small UTF-8 helpers the formatters share.
// Pure functions, any thread. Input is assumed to be valid UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace script::support {

// repr(s) as CPython 3.11: quotes chosen as str.__repr__ does, escapes \\ \n \r \t,
// \xNN for other controls and U+007F..U+00A0 and U+00AD, \uNNNN / \UNNNNNNNN for
// non-printable code points; printable non-ASCII stays as is.
std::string python_str_repr(std::string_view utf8);
// ascii(s): like repr but every non-ASCII code point escaped.
std::string python_str_ascii(std::string_view utf8);

// Number of code points in valid UTF-8 text.
std::size_t utf8_length(std::string_view utf8) noexcept;
// Byte offset of code point number `index` (or utf8.size() when past the end).
std::size_t utf8_offset(std::string_view utf8, std::size_t index) noexcept;
// UTF-8 encoding of one code point.
std::string utf8_encode(char32_t code_point);
// Decodes the code point starting at utf8[pos], advancing pos; invalid bytes decode as themselves.
char32_t utf8_decode(std::string_view utf8, std::size_t& pos) noexcept;

} // namespace script::support
