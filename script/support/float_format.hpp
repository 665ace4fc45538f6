// Python's float behaviour that is not plain IEEE arithmetic: repr/str, round(), floor
// division and modulo with Python's signs, ** with CPython's errors, float(str), hash().
// Free functions on doubles; no shared state, callable from any thread.
#pragma once

#include <script/support/big_int.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace script::support {

// repr(x) == str(x): shortest round-trip digits, "1.0", "1e+16", "1.5e-05", "0.0001",
// "inf", "-inf", "nan", "-0.0". Exponent form when exp < -4 or exp >= 16.
std::string float_repr(double x);

// round(x, ndigits): correctly rounded, ties to even on the exact binary value; inf/nan
// pass through; OverflowError "rounded value too large to represent" if the result overflows.
double float_round(double x, std::int64_t ndigits);
// round(x) with no ndigits: ties to even, as an int. OverflowError "cannot convert float
// infinity to integer", ValueError "cannot convert float NaN to integer".
BigInt float_round_to_int(double x);

// x / y: ZeroDivisionError "float division by zero".
double float_true_divide(double x, double y);
// x // y: ZeroDivisionError "float floor division by zero".
double float_floor_div(double x, double y);
// x % y, result has the sign of y (or is a zero with y's sign): ZeroDivisionError "float modulo".
double float_mod(double x, double y);
// divmod(x, y): ZeroDivisionError "float divmod()".
std::pair<double, double> float_divmod(double x, double y);
// x ** y: ZeroDivisionError "0.0 cannot be raised to a negative power"; a negative base
// with a non-integer exponent (CPython returns a complex) raises
// ValueError "complex numbers are not supported"; OverflowError "(34, 'Numerical result out of range')".
double float_pow(double x, double y);

// float.is_integer().
bool float_is_integer(double x) noexcept;
// math.floor / math.ceil as ints (errors as BigInt(double)).
BigInt float_floor_to_int(double x);
BigInt float_ceil_to_int(double x);
// float.as_integer_ratio(): OverflowError "cannot convert Infinity to integer ratio",
// ValueError "cannot convert NaN to integer ratio".
std::pair<BigInt, BigInt> float_as_integer_ratio(double x);

// hash(x) as CPython 3.11 on 64-bit: equal to hash(int(x)) for integral x, -1 -> -2.
// For NaN CPython 3.10+ hashes the object's identity; this returns 0 and the caller
// should substitute an identity-based hash if it needs CPython's distinct NaN hashes.
std::int64_t float_hash(double x) noexcept;

// float(text): surrounding whitespace, sign, underscores between digits, "inf",
// "infinity", "nan" in any case. ValueError "could not convert string to float: 'x'"
// (the text quoted with Python's repr rules).
double float_parse(std::string_view text);
// Float from a source literal already validated by the lexer ("1_000.5e-3"): strips '_'.
double float_parse_literal(std::string_view literal);

} // namespace script::support
