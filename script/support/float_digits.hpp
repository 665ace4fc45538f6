// Decimal digit generation for doubles as CPython's PyOS_double_to_string lays it out
// (shortest repr digits, 'e'/'f'/'g' precisions, correctly rounded, ties to even on the
// exact binary value). Shared by repr(), format() and %-formatting. Pure, any thread.
#pragma once

#include <string>

namespace script::support {

// Formats |x| without its sign: type 'e','E','f','F','g','G' or 'r' (repr: shortest digits,
// exponent when decpt <= -4 or > 16). `alternate` is '#'; `add_dot_0` appends ".0" to
// integral results without exponent (repr, and format() with no type but a precision).
// inf/nan give "inf"/"nan" (upper case for the upper-case types).
std::string format_abs_double(double x, char type, int precision, bool alternate, bool add_dot_0);

} // namespace script::support
