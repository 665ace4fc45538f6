// format(value, spec) and f-string "{x:spec}": the format-spec mini-language of
// CPython 3.11 for int, float and str, with CPython's exact error messages. Strings are
// UTF-8; widths and precisions count code points. Pure functions, any thread.
#pragma once

#include <script/support/big_int.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace script::support {

// CPython builds any width it is asked for (format(1, "3000000000") allocates 3 GB);
// Loopscope refuses widths and float precisions beyond this with MemoryError("").
inline constexpr std::int64_t max_format_width = std::int64_t{1} << 28;

// [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]
struct FormatSpec {
    std::string fill = " ";     // one code point, UTF-8
    char align = 0;             // '<', '>', '^', '='; the type's default when not given
    char sign = 0;              // '+', '-', ' ' or 0 (not given)
    bool no_neg_zero = false;   // 'z'
    bool alternate = false;     // '#'
    bool zero_pad = false;      // '0' before the width
    bool fill_given = false;    // an explicit fill character was written
    std::int64_t width = -1;    // -1: none
    char grouping = 0;          // ',' or '_' or 0
    std::int64_t precision = -1;// -1: none
    char type = 0;              // the presentation type; default_type when omitted; '?' if non-ASCII
};

// Parses a spec (default_type 's' selects left alignment, anything else right alignment)
// with CPython's ValueErrors: "Invalid format specifier '.3x5' for object of type 'object'"
// (see the overload that names the type), "Format specifier missing precision",
// "Cannot specify ',' with ','.", "Cannot specify both ',' and '_'.", "Too many decimal
// digits in format string".
FormatSpec parse_format_spec(std::string_view spec, char default_type);
// Same, naming the object's type in "Invalid format specifier '...' for object of type 'int'".
FormatSpec parse_format_spec(std::string_view spec, char default_type, std::string_view type_name);

// format(n, spec) for int; an empty spec gives str(n). For bool pass type_name "bool"
// and handle the empty spec (str(True) == "True") yourself. The float types e E f F g G %
// convert to float first, as CPython does ("int too large to convert to float").
std::string format_int(const BigInt& value, std::string_view spec, std::string_view type_name = "int");
// format(x, spec) for float; an empty spec gives repr(x).
std::string format_float(double value, std::string_view spec);
// format(s, spec) for str; errors "Sign not allowed in string format specifier",
// "'=' alignment not allowed in string format specifier", "Unknown format code 'd' for
// object of type 'str'", ...
std::string format_str(std::string_view utf8, std::string_view spec);

} // namespace script::support
