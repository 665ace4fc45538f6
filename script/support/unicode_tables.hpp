// The few Unicode properties Python's int(), float() and repr() consult, from tables
// generated out of CPython 3.11's unicodedata. Pure functions, any thread.
#pragma once

namespace script::support {

// The value 0..9 of a decimal digit (category Nd), or -1.
int unicode_decimal_value(char32_t c) noexcept;
// str.isspace() for one code point.
bool unicode_is_space(char32_t c) noexcept;
// str.isprintable() for one code point (repr() escapes the others).
bool unicode_is_printable(char32_t c) noexcept;

} // namespace script::support
