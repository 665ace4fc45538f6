#include <script/support/float_format.hpp>

#include <script/support/float_digits.hpp>
#include <script/support/string_repr.hpp>
#include <script/support/unicode_tables.hpp>

#include <charconv>
#include <cmath>
#include <limits>

namespace script::support {

namespace {

constexpr std::uint64_t hash_modulus = (std::uint64_t{1} << 61) - 1;
constexpr int hash_bits = 61;

bool is_odd_integer(double y) noexcept
{
    return std::fmod(std::fabs(y), 2.0) == 1.0;
}

BigInt pow10(std::int64_t n)
{
    return BigInt(10).pow(BigInt(static_cast<long long>(n)));
}

// n / d rounded half to even (d > 0, n >= 0).
BigInt div_round_half_even(const BigInt& n, const BigInt& d)
{
    auto [q, r] = n.divmod(d);
    BigInt twice = r + r;
    auto c = twice <=> d;
    if (c > 0 || (c == 0 && q.is_odd())) q += BigInt(1);
    return q;
}

} // namespace

std::string float_repr(double x)
{
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    std::string body = format_abs_double(x, 'r', 0, false, true);
    return std::signbit(x) ? "-" + body : body;
}

double float_round(double x, std::int64_t ndigits)
{
    // Beyond these, CPython returns x (all digits kept) or a signed zero.
    constexpr std::int64_t ndigits_max = 323, ndigits_min = -308;
    if (!std::isfinite(x)) return x;
    if (ndigits > ndigits_max) return x;
    if (ndigits < ndigits_min) return 0.0 * x;
    if (!std::isfinite(x) || x == 0.0) return x;
    const bool negative = std::signbit(x);
    int e = 0;
    double frac = std::frexp(std::fabs(x), &e);
    // |x| == m * 2**e2 exactly, m a 53-bit integer.
    BigInt m(std::ldexp(frac, 53));
    const std::int64_t e2 = e - 53;
    double result;
    if (ndigits >= 0) {
        if (e2 >= 0) return x;  // already an integer
        BigInt scaled = m * pow10(ndigits);
        BigInt q = div_round_half_even(scaled, BigInt(1) << (-e2));
        result = BigInt::true_divide(q, pow10(ndigits));
    } else {
        BigInt p = pow10(-ndigits);
        BigInt q = e2 >= 0 ? div_round_half_even(m << e2, p) : div_round_half_even(m, p << (-e2));
        try {
            result = (q * p).to_double();
        } catch (const PyError&) {
            throw PyError("OverflowError", "rounded value too large to represent");
        }
    }
    return negative ? -result : result;
}

BigInt float_round_to_int(double x)
{
    double rounded = std::round(x);
    if (std::fabs(x - rounded) == 0.5) rounded = 2.0 * std::round(x / 2.0);
    return BigInt(rounded);
}

double float_true_divide(double x, double y)
{
    if (y == 0.0) throw PyError("ZeroDivisionError", "float division by zero");
    return x / y;
}

namespace {

// CPython's _float_div_mod: quotient floored, remainder with the divisor's sign.
void div_mod(double vx, double wx, double& floordiv, double& mod) noexcept
{
    mod = std::fmod(vx, wx);
    double div = (vx - mod) / wx;
    if (mod != 0.0) {
        if ((wx < 0) != (mod < 0)) {
            mod += wx;
            div -= 1.0;
        }
    } else {
        mod = std::copysign(0.0, wx);
    }
    if (div != 0.0) {
        floordiv = std::floor(div);
        if (div - floordiv > 0.5) floordiv += 1.0;
    } else {
        floordiv = std::copysign(0.0, vx / wx);
    }
}

} // namespace

double float_floor_div(double x, double y)
{
    if (y == 0.0) throw PyError("ZeroDivisionError", "float floor division by zero");
    double q, r;
    div_mod(x, y, q, r);
    return q;
}

double float_mod(double x, double y)
{
    if (y == 0.0) throw PyError("ZeroDivisionError", "float modulo");
    double mod = std::fmod(x, y);
    if (mod != 0.0) {
        if ((y < 0) != (mod < 0)) mod += y;
    } else {
        mod = std::copysign(0.0, y);
    }
    return mod;
}

std::pair<double, double> float_divmod(double x, double y)
{
    if (y == 0.0) throw PyError("ZeroDivisionError", "float divmod()");
    double q, r;
    div_mod(x, y, q, r);
    return {q, r};
}

double float_pow(double iv, double iw)
{
    if (iw == 0.0) return 1.0;
    if (std::isnan(iv)) return iv;
    if (std::isnan(iw)) return iv == 1.0 ? 1.0 : iw;
    if (std::isinf(iw)) {
        iv = std::fabs(iv);
        if (iv == 1.0) return 1.0;
        if ((iw > 0.0) == (iv > 1.0)) return std::fabs(iw);
        return 0.0;
    }
    if (std::isinf(iv)) {
        const bool odd = is_odd_integer(iw);
        if (iw > 0.0) return odd ? iv : std::fabs(iv);
        return odd ? std::copysign(0.0, iv) : 0.0;
    }
    if (iv == 0.0) {
        const bool odd = is_odd_integer(iw);
        if (iw < 0.0) throw PyError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
        return odd ? iv : 0.0;
    }
    bool negate = false;
    if (iv < 0.0) {
        if (iw != std::floor(iw)) throw PyError("ValueError", "complex numbers are not supported");
        iv = -iv;
        negate = is_odd_integer(iw);
    }
    if (iv == 1.0) return negate ? -1.0 : 1.0;
    double ix = std::pow(iv, iw);
    const bool overflow = std::isinf(ix);
    if (negate) ix = -ix;
    if (overflow) throw PyError("OverflowError", "(34, 'Numerical result out of range')");
    return ix;
}

bool float_is_integer(double x) noexcept
{
    return std::isfinite(x) && std::floor(x) == x;
}

BigInt float_floor_to_int(double x)
{
    return BigInt(std::floor(x));
}

BigInt float_ceil_to_int(double x)
{
    return BigInt(std::ceil(x));
}

std::pair<BigInt, BigInt> float_as_integer_ratio(double x)
{
    if (std::isinf(x)) throw PyError("OverflowError", "cannot convert Infinity to integer ratio");
    if (std::isnan(x)) throw PyError("ValueError", "cannot convert NaN to integer ratio");
    if (x == 0.0) return {BigInt(0), BigInt(1)};
    int e = 0;
    double frac = std::frexp(x, &e);
    BigInt m(std::ldexp(frac, 53));
    std::int64_t e2 = e - 53;
    // Strip factors of two so the ratio is in lowest terms.
    while (!m.is_odd() && e2 < 0) {
        m = m >> 1;
        ++e2;
    }
    if (e2 >= 0) return {m << e2, BigInt(1)};
    return {m, BigInt(1) << (-e2)};
}

std::int64_t float_hash(double v) noexcept
{
    if (!std::isfinite(v)) {
        if (std::isinf(v)) return v > 0 ? 314159 : -314159;
        return 0;
    }
    int e = 0;
    double m = std::frexp(v, &e);
    std::uint64_t sign = 1;
    if (m < 0) {
        sign = static_cast<std::uint64_t>(-1);
        m = -m;
    }
    std::uint64_t x = 0;
    while (m != 0.0) {
        x = ((x << 28) & hash_modulus) | x >> (hash_bits - 28);
        m *= 268435456.0;
        e -= 28;
        auto y = static_cast<std::uint64_t>(m);
        m -= static_cast<double>(y);
        x += y;
        if (x >= hash_modulus) x -= hash_modulus;
    }
    e = e >= 0 ? e % hash_bits : hash_bits - 1 - ((-1 - e) % hash_bits);
    x = ((x << e) & hash_modulus) | x >> (hash_bits - e);
    x = x * sign;
    if (x == static_cast<std::uint64_t>(-1)) x = static_cast<std::uint64_t>(-2);
    return static_cast<std::int64_t>(x);
}

namespace {

// Parses an ASCII float body (no whitespace, underscores already validated and removed).
bool parse_ascii_float(const std::string& s, double& out)
{
    std::size_t i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        negative = s[i] == '-';
        ++i;
    }
    std::string rest = s.substr(i);
    std::string lower;
    for (char c : rest) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    if (lower == "inf" || lower == "infinity") {
        out = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        return true;
    }
    if (lower == "nan") {
        out = negative ? -std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    // Grammar check: digits [. digits] | . digits, then optional exponent.
    std::size_t p = 0, int_digits = 0, frac_digits = 0;
    while (p < rest.size() && rest[p] >= '0' && rest[p] <= '9') ++p, ++int_digits;
    if (p < rest.size() && rest[p] == '.') {
        ++p;
        while (p < rest.size() && rest[p] >= '0' && rest[p] <= '9') ++p, ++frac_digits;
    }
    if (int_digits + frac_digits == 0) return false;
    if (p < rest.size() && (rest[p] == 'e' || rest[p] == 'E')) {
        ++p;
        if (p < rest.size() && (rest[p] == '+' || rest[p] == '-')) ++p;
        std::size_t exp_digits = 0;
        while (p < rest.size() && rest[p] >= '0' && rest[p] <= '9') ++p, ++exp_digits;
        if (exp_digits == 0) return false;
    }
    if (p != rest.size()) return false;
    double v = 0.0;
    auto res = std::from_chars(rest.data(), rest.data() + rest.size(), v, std::chars_format::general);
    if (res.ec == std::errc::result_out_of_range) {
        // Overflow gives inf, underflow gives 0, as strtod does: decide by the decimal exponent.
        std::size_t epos = lower.find('e');
        long long exp10 = 0;
        if (epos != std::string::npos) {
            std::string es = lower.substr(epos + 1);
            bool eneg = !es.empty() && es[0] == '-';
            std::size_t k = (!es.empty() && (es[0] == '-' || es[0] == '+')) ? 1 : 0;
            for (; k < es.size() && exp10 < 100000000; ++k) exp10 = exp10 * 10 + (es[k] - '0');
            if (eneg) exp10 = -exp10;
        }
        std::string mant = lower.substr(0, epos);
        std::size_t dot = mant.find('.');
        long long point = dot == std::string::npos ? static_cast<long long>(mant.size()) : static_cast<long long>(dot);
        long long first = -1, idx = 0;
        for (char c : mant) {
            if (c == '.') continue;
            if (c != '0') {
                first = idx;
                break;
            }
            ++idx;
        }
        v = (first < 0 || point - first + exp10 <= 0) ? 0.0 : std::numeric_limits<double>::infinity();
    } else if (res.ec != std::errc() || res.ptr != rest.data() + rest.size()) {
        return false;
    }
    out = negative ? -v : v;
    return true;
}

} // namespace

double float_parse(std::string_view text)
{
    std::vector<char32_t> cps;
    for (std::size_t pos = 0; pos < text.size();) cps.push_back(utf8_decode(text, pos));
    std::size_t b = 0, e = cps.size();
    while (b < e && unicode_is_space(cps[b])) ++b;
    while (e > b && unicode_is_space(cps[e - 1])) --e;
    auto fail = [&]() -> double {
        throw PyError("ValueError", "could not convert string to float: " + python_str_repr(text));
    };
    std::string ascii;
    for (std::size_t i = b; i < e; ++i) {
        char32_t c = cps[i];
        if (c == '_') {
            // Only between two digits.
            auto is_digit = [](char32_t d) { return (d >= '0' && d <= '9') || unicode_decimal_value(d) >= 0; };
            if (i == b || i + 1 == e || !is_digit(cps[i - 1]) || !is_digit(cps[i + 1])) return fail();
            continue;
        }
        if (c >= 0x80) {
            int d = unicode_decimal_value(c);
            if (d < 0) return fail();
            c = static_cast<char32_t>('0' + d);
        }
        ascii.push_back(static_cast<char>(c));
    }
    double v = 0.0;
    if (!parse_ascii_float(ascii, v)) return fail();
    return v;
}

double float_parse_literal(std::string_view literal)
{
    std::string ascii;
    for (char c : literal) {
        if (c != '_') ascii.push_back(c);
    }
    double v = 0.0;
    if (!parse_ascii_float(ascii, v)) {
        throw PyError("ValueError", "could not convert string to float: " + python_str_repr(literal));
    }
    return v;
}

} // namespace script::support
