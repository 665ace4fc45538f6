// printf-style str % args as CPython 3.11 does it: the format string parsed into literal
// text and conversion specs, and the per-conversion formatters for int, float and text.
// The interpreter walks the pieces, fetches arguments (and '*' widths) in order, and
// raises the errors below at the moments CPython does. Pure functions, any thread.
#pragma once

#include <script/support/big_int.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace script::support {

// Messages the interpreter raises itself (all TypeError unless noted).
inline constexpr const char* percent_not_enough_arguments = "not enough arguments for format string";
inline constexpr const char* percent_not_all_converted = "not all arguments converted during string formatting";
inline constexpr const char* percent_requires_mapping = "format requires a mapping";
inline constexpr const char* percent_star_wants_int = "* wants int";
inline constexpr const char* percent_c_requires_int_or_char = "%c requires int or char";
inline constexpr const char* percent_c_out_of_range = "%c arg not in range(0x110000)";  // OverflowError
// "%d format: a real number is required, not str" (d i u; x o X say "an integer is required").
std::string percent_type_error_message(char conversion, std::string_view type_name);

struct PercentSpec {
    std::optional<std::string> key;  // "%(key)s": the mapping key, UTF-8
    bool left = false;               // '-'
    bool plus = false;               // '+'
    bool space = false;              // ' '
    bool alternate = false;          // '#'
    bool zero = false;               // '0'
    bool width_star = false;         // '*': the width is the next argument
    bool precision_star = false;     // '.*': the precision is the next argument
    std::int64_t width = -1;         // -1: none (after resolving '*')
    std::int64_t precision = -1;     // -1: none (after resolving '*')
    char conversion = 0;             // s r a d i u o x X e E f F g G c
    // Set when the conversion character is not supported: CPython fetches the argument
    // first (so "not enough arguments" or a KeyError wins), then raises this ValueError
    // "unsupported format character 'z' (0x7a) at index 3".
    std::optional<std::string> unsupported;
};

// Applies a '*' width / precision taken from the arguments as CPython does: a negative
// width means left-justify, a negative precision means 0.
void percent_set_star_width(PercentSpec& spec, std::int64_t width);
void percent_set_star_precision(PercentSpec& spec, std::int64_t precision);
// The same from the int argument itself, with CPython's OverflowErrors "Python int too
// large to convert to C ssize_t" (width) and "... to C int" (precision).
void percent_set_star_width(PercentSpec& spec, const BigInt& width);
void percent_set_star_precision(PercentSpec& spec, const BigInt& precision);

struct PercentPiece {
    enum class Kind { literal, conversion, error };
    Kind kind = Kind::literal;
    std::string text;   // literal: the text ("%%" already reduced to "%"); error: the ValueError message
    PercentSpec spec;   // conversion only
};

// Splits a format string. A malformed spec ("incomplete format", "incomplete format key")
// ends the list with an error piece, raised (ValueError) when the walk reaches it.
std::vector<PercentPiece> parse_percent_format(std::string_view format_utf8);

// The formatters raise MemoryError("") for widths or precisions beyond max_format_width
// (format_spec.hpp), where CPython would try to build a gigabyte string.

// %d %i %u %o %x %X for an int (the caller has applied int() to floats for d/i/u).
std::string percent_format_int(const BigInt& value, const PercentSpec& spec);
// %e %E %f %F %g %G for a float.
std::string percent_format_float(double value, const PercentSpec& spec);
// %s %r %a %c: `text` is the already converted str()/repr()/ascii()/character; applies
// precision (code points) and width.
std::string percent_format_text(std::string_view text_utf8, const PercentSpec& spec);

} // namespace script::support
