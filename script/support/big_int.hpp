// Python's int: an arbitrary-precision signed integer with CPython 3.11's semantics
// (floor division, infinite two's-complement bit operations, hash, correctly rounded
// conversion to float, the 4300-digit str<->int limit). A plain value type with no
// shared state: distinct objects may be used from distinct threads freely.
#pragma once

#include <script/support/py_error.hpp>

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace script::support {

class BigInt {
public:
    // CPython 3.11's default for sys.get_int_max_str_digits(); 0 means "no limit".
    static constexpr int default_max_str_digits = 4300;

    BigInt() noexcept = default;                      // 0
    BigInt(int v) : BigInt(static_cast<long long>(v)) {}
    BigInt(long v) : BigInt(static_cast<long long>(v)) {}
    BigInt(long long v);                              // any int64 value
    BigInt(unsigned v) : BigInt(from_uint64(v)) {}
    BigInt(unsigned long v) : BigInt(from_uint64(v)) {}
    BigInt(unsigned long long v) : BigInt(from_uint64(v)) {}
    static BigInt from_uint64(std::uint64_t v);
    // int(x) for a float: truncates toward zero; OverflowError for inf, ValueError for nan.
    explicit BigInt(double v);

    // int(text, base): base 0 or 2..36; base 0 takes 0b/0o/0x prefixes and rejects leading
    // zeros as Python literals do. Surrounding whitespace, a sign and single underscores
    // between digits are accepted. ValueError "invalid literal for int() with base 10: 'x'";
    // for base 10 (and base 0 without prefix) the digit limit applies (0 = unlimited).
    static BigInt parse(std::string_view text, int base, int max_str_digits = default_max_str_digits);
    // Same as parse() but without surrounding whitespace or sign, for source literals such
    // as "0x_ff" or "1_000" already checked by the lexer; never applies the digit limit.
    static BigInt parse_literal(std::string_view literal);

    // Digits in base 2..36 (lower case), "-" for negatives, no prefix. Base 10 enforces
    // max_str_digits with CPython's ValueError text (0 = unlimited).
    std::string to_string(int base = 10, int max_str_digits = default_max_str_digits) const;
    std::string to_python_bin() const;  // bin(): "-0b101"
    std::string to_python_oct() const;  // oct(): "0o17"
    std::string to_python_hex() const;  // hex(): "-0xff"

    // Arithmetic. Division raises ZeroDivisionError "integer division or modulo by zero".
    friend BigInt operator+(const BigInt& a, const BigInt& b);
    friend BigInt operator-(const BigInt& a, const BigInt& b);
    friend BigInt operator*(const BigInt& a, const BigInt& b);
    BigInt& operator+=(const BigInt& b);
    BigInt& operator-=(const BigInt& b);
    BigInt& operator*=(const BigInt& b);
    BigInt operator-() const;
    BigInt abs() const;
    BigInt floor_div(const BigInt& divisor) const;                      // a // b
    BigInt mod(const BigInt& divisor) const;                            // a % b (sign of b)
    std::pair<BigInt, BigInt> divmod(const BigInt& divisor) const;      // divmod(a, b)
    // a ** exp for exp >= 0 (a negative exp is the caller's float case: ValueError here).
    // MemoryError when the result would need more than ~10**11 bits.
    BigInt pow(const BigInt& exp) const;
    // pow(a, exp, mod): mod != 0 (ValueError "pow() 3rd argument cannot be 0"); a negative
    // exp uses the modular inverse ("base is not invertible for the given modulus").
    BigInt pow(const BigInt& exp, const BigInt& modulus) const;

    // round(n, ndigits): n itself for ndigits >= 0, else the nearest multiple of
    // 10**-ndigits with ties to even, as int.__round__ does.
    BigInt round_to_ndigits(std::int64_t ndigits) const;

    friend bool operator==(const BigInt& a, const BigInt& b) noexcept;
    friend std::strong_ordering operator<=>(const BigInt& a, const BigInt& b) noexcept;

    // Bitwise operations on the infinite two's-complement representation.
    friend BigInt operator&(const BigInt& a, const BigInt& b);
    friend BigInt operator|(const BigInt& a, const BigInt& b);
    friend BigInt operator^(const BigInt& a, const BigInt& b);
    BigInt operator~() const;
    // Shifts: ValueError "negative shift count"; a left shift by more than 2**34 bits raises
    // MemoryError (CPython fails to allocate it); a right shift by a huge count gives 0 or -1.
    BigInt shift_left(const BigInt& count) const;
    BigInt shift_right(const BigInt& count) const;
    friend BigInt operator<<(const BigInt& a, std::int64_t count);
    friend BigInt operator>>(const BigInt& a, std::int64_t count);

    bool is_zero() const noexcept { return mag_.empty(); }
    bool is_negative() const noexcept { return neg_; }
    int sign() const noexcept { return mag_.empty() ? 0 : (neg_ ? -1 : 1); }
    bool is_odd() const noexcept { return !mag_.empty() && (mag_[0] & 1u); }
    bool fits_int64() const noexcept;
    // The value as int64; OverflowError "Python int too large to convert to C long" if not fits_int64().
    std::int64_t to_int64() const;
    // float(n), correctly rounded (half-even); OverflowError "int too large to convert to float".
    double to_double() const;
    // a / b for ints, correctly rounded like CPython: ZeroDivisionError "division by zero",
    // OverflowError "integer division result too large for a float".
    static double true_divide(const BigInt& a, const BigInt& b);
    std::int64_t bit_length() const noexcept;   // int.bit_length()
    std::int64_t bit_count() const noexcept;    // int.bit_count()
    // hash(n) exactly as CPython 3.11 on 64-bit: n mod (2**61 - 1) with sign, -1 -> -2.
    std::int64_t hash() const noexcept;
    // The magnitude modulo 2**61-1 (used by float and fraction hashing); 0 <= result < 2**61-1.
    std::uint64_t magnitude_mod_hash_modulus() const noexcept;

    // Raw access: magnitude limbs, least significant first, no trailing zero limbs.
    const std::vector<std::uint32_t>& limbs() const noexcept { return mag_; }
    static BigInt from_limbs(std::vector<std::uint32_t> magnitude, bool negative);

private:
    void trim() noexcept;
    std::vector<std::uint32_t> mag_;  // little-endian magnitude
    bool neg_ = false;                // never true when mag_ is empty
};

} // namespace script::support
