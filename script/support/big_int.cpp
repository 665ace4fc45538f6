#include <script/support/big_int.hpp>

#include <script/support/string_repr.hpp>
#include <script/support/unicode_tables.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <limits>

namespace script::support {

PyError::PyError(std::string type_name, std::string message)
    : std::runtime_error(std::move(message)), type(std::move(type_name))
{
}

namespace {

using Limbs = std::vector<std::uint32_t>;

constexpr std::uint64_t hash_modulus = (std::uint64_t{1} << 61) - 1;

void trim_limbs(Limbs& m) noexcept
{
    while (!m.empty() && m.back() == 0) m.pop_back();
}

int cmp_mag(const Limbs& a, const Limbs& b) noexcept
{
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    for (std::size_t i = a.size(); i-- > 0;) {
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
}

Limbs add_mag(const Limbs& a, const Limbs& b)
{
    const Limbs& big = a.size() >= b.size() ? a : b;
    const Limbs& small = a.size() >= b.size() ? b : a;
    Limbs r(big.size() + 1);
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < big.size(); ++i) {
        std::uint64_t s = std::uint64_t{big[i]} + (i < small.size() ? small[i] : 0u) + carry;
        r[i] = static_cast<std::uint32_t>(s);
        carry = s >> 32;
    }
    r[big.size()] = static_cast<std::uint32_t>(carry);
    trim_limbs(r);
    return r;
}

// a - b for |a| >= |b|.
Limbs sub_mag(const Limbs& a, const Limbs& b)
{
    Limbs r(a.size());
    std::int64_t borrow = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        std::int64_t d = std::int64_t{a[i]} - (i < b.size() ? std::int64_t{b[i]} : 0) - borrow;
        borrow = d < 0 ? 1 : 0;
        r[i] = static_cast<std::uint32_t>(d + (borrow << 32));
    }
    trim_limbs(r);
    return r;
}

Limbs mul_school(const std::uint32_t* a, std::size_t an, const std::uint32_t* b, std::size_t bn)
{
    Limbs r(an + bn, 0);
    for (std::size_t i = 0; i < an; ++i) {
        std::uint64_t carry = 0;
        const std::uint64_t ai = a[i];
        if (ai == 0) continue;
        for (std::size_t j = 0; j < bn; ++j) {
            std::uint64_t t = ai * b[j] + r[i + j] + carry;
            r[i + j] = static_cast<std::uint32_t>(t);
            carry = t >> 32;
        }
        std::size_t k = i + bn;
        while (carry) {
            std::uint64_t t = std::uint64_t{r[k]} + carry;
            r[k] = static_cast<std::uint32_t>(t);
            carry = t >> 32;
            ++k;
        }
    }
    return r;
}

// Adds src into dst starting at limb offset (dst large enough).
void add_into(Limbs& dst, const Limbs& src, std::size_t offset)
{
    std::uint64_t carry = 0;
    std::size_t i = 0;
    for (; i < src.size(); ++i) {
        std::uint64_t t = std::uint64_t{dst[offset + i]} + src[i] + carry;
        dst[offset + i] = static_cast<std::uint32_t>(t);
        carry = t >> 32;
    }
    for (std::size_t k = offset + i; carry && k < dst.size(); ++k) {
        std::uint64_t t = std::uint64_t{dst[k]} + carry;
        dst[k] = static_cast<std::uint32_t>(t);
        carry = t >> 32;
    }
}

constexpr std::size_t karatsuba_cutoff = 48;

Limbs mul_limbs(const std::uint32_t* a, std::size_t an, const std::uint32_t* b, std::size_t bn);

// Karatsuba keeps huge products (pow, to_string of big powers) from going quadratic.
Limbs mul_karatsuba(const std::uint32_t* a, std::size_t an, const std::uint32_t* b, std::size_t bn)
{
    const std::size_t half = std::max(an, bn) / 2;
    auto part = [](const std::uint32_t* p, std::size_t n, std::size_t from, std::size_t to) {
        from = std::min(from, n);
        to = std::min(to, n);
        Limbs v(p + from, p + to);
        trim_limbs(v);
        return v;
    };
    Limbs a0 = part(a, an, 0, half), a1 = part(a, an, half, an);
    Limbs b0 = part(b, bn, 0, half), b1 = part(b, bn, half, bn);
    Limbs z0 = mul_limbs(a0.data(), a0.size(), b0.data(), b0.size());
    Limbs z2 = mul_limbs(a1.data(), a1.size(), b1.data(), b1.size());
    Limbs sa = add_mag(a0, a1), sb = add_mag(b0, b1);
    Limbs z1 = mul_limbs(sa.data(), sa.size(), sb.data(), sb.size());
    trim_limbs(z0);
    trim_limbs(z1);
    trim_limbs(z2);
    z1 = sub_mag(sub_mag(z1, z0), z2);
    Limbs r(an + bn + 1, 0);
    add_into(r, z0, 0);
    add_into(r, z1, half);
    add_into(r, z2, 2 * half);
    return r;
}

Limbs mul_limbs(const std::uint32_t* a, std::size_t an, const std::uint32_t* b, std::size_t bn)
{
    if (an == 0 || bn == 0) return {};
    if (std::min(an, bn) < karatsuba_cutoff) return mul_school(a, an, b, bn);
    // Very lopsided operands: split the long one into chunks the size of the short one.
    if (an > 2 * bn || bn > 2 * an) {
        if (an < bn) {
            std::swap(a, b);
            std::swap(an, bn);
        }
        Limbs r(an + bn, 0);
        for (std::size_t off = 0; off < an; off += bn) {
            std::size_t n = std::min(bn, an - off);
            Limbs p = mul_limbs(a + off, n, b, bn);
            trim_limbs(p);
            add_into(r, p, off);
        }
        return r;
    }
    return mul_karatsuba(a, an, b, bn);
}

Limbs mul_mag(const Limbs& a, const Limbs& b)
{
    Limbs r = mul_limbs(a.data(), a.size(), b.data(), b.size());
    trim_limbs(r);
    return r;
}

// Divides in place by a single limb, returning the remainder.
std::uint32_t divmod_small(Limbs& a, std::uint32_t d) noexcept
{
    std::uint64_t rem = 0;
    for (std::size_t i = a.size(); i-- > 0;) {
        std::uint64_t cur = (rem << 32) | a[i];
        a[i] = static_cast<std::uint32_t>(cur / d);
        rem = cur % d;
    }
    trim_limbs(a);
    return static_cast<std::uint32_t>(rem);
}

// Knuth's algorithm D on magnitudes: q = a / b, r = a % b (b non-empty).
void divmod_mag(const Limbs& a, const Limbs& b, Limbs& q, Limbs& r)
{
    if (cmp_mag(a, b) < 0) {
        q.clear();
        r = a;
        return;
    }
    if (b.size() == 1) {
        q = a;
        std::uint32_t rem = divmod_small(q, b[0]);
        r.clear();
        if (rem) r.push_back(rem);
        return;
    }
    const int s = std::countl_zero(b.back());
    const std::size_t n = b.size();
    const std::size_t m = a.size() - n;
    Limbs v(n), u(a.size() + 1);
    for (std::size_t i = n; i-- > 0;) {
        v[i] = (b[i] << s) | (s && i > 0 ? static_cast<std::uint32_t>(std::uint64_t{b[i - 1]} >> (32 - s)) : 0u);
    }
    u[a.size()] = s ? static_cast<std::uint32_t>(std::uint64_t{a.back()} >> (32 - s)) : 0u;
    for (std::size_t i = a.size(); i-- > 0;) {
        u[i] = (a[i] << s) | (s && i > 0 ? static_cast<std::uint32_t>(std::uint64_t{a[i - 1]} >> (32 - s)) : 0u);
    }
    q.assign(m + 1, 0);
    const std::uint64_t base = std::uint64_t{1} << 32;
    for (std::size_t j = m + 1; j-- > 0;) {
        std::uint64_t num = (std::uint64_t{u[j + n]} << 32) | u[j + n - 1];
        std::uint64_t qhat = num / v[n - 1];
        std::uint64_t rhat = num % v[n - 1];
        while (qhat >= base || qhat * v[n - 2] > ((rhat << 32) | u[j + n - 2])) {
            --qhat;
            rhat += v[n - 1];
            if (rhat >= base) break;
        }
        std::int64_t borrow = 0;
        std::uint64_t carry = 0;
        for (std::size_t i = 0; i < n; ++i) {
            std::uint64_t p = qhat * v[i] + carry;
            carry = p >> 32;
            std::int64_t t = std::int64_t{u[i + j]} - static_cast<std::int64_t>(p & 0xffffffffu) - borrow;
            borrow = t < 0 ? 1 : 0;
            u[i + j] = static_cast<std::uint32_t>(t + (borrow << 32));
        }
        std::int64_t t = std::int64_t{u[j + n]} - static_cast<std::int64_t>(carry) - borrow;
        borrow = t < 0 ? 1 : 0;
        u[j + n] = static_cast<std::uint32_t>(t);
        if (borrow) {
            --qhat;
            std::uint64_t c = 0;
            for (std::size_t i = 0; i < n; ++i) {
                std::uint64_t sum = std::uint64_t{u[i + j]} + v[i] + c;
                u[i + j] = static_cast<std::uint32_t>(sum);
                c = sum >> 32;
            }
            u[j + n] = static_cast<std::uint32_t>(std::uint64_t{u[j + n]} + c);
        }
        q[j] = static_cast<std::uint32_t>(qhat);
    }
    trim_limbs(q);
    r.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        r[i] = (u[i] >> s) | (s ? static_cast<std::uint32_t>(std::uint64_t{u[i + 1]} << (32 - s)) : 0u);
    }
    trim_limbs(r);
}

Limbs shl_mag(const Limbs& a, std::uint64_t bits)
{
    if (a.empty()) return {};
    const std::size_t limbs = static_cast<std::size_t>(bits / 32);
    const unsigned sh = static_cast<unsigned>(bits % 32);
    Limbs r(a.size() + limbs + 1, 0);
    for (std::size_t i = 0; i < a.size(); ++i) {
        std::uint64_t v = std::uint64_t{a[i]} << sh;
        r[i + limbs] |= static_cast<std::uint32_t>(v);
        r[i + limbs + 1] |= static_cast<std::uint32_t>(v >> 32);
    }
    trim_limbs(r);
    return r;
}

// Magnitude shifted right; `lost` reports whether any 1 bit was shifted out.
Limbs shr_mag(const Limbs& a, std::uint64_t bits, bool* lost = nullptr)
{
    const std::uint64_t limbs = bits / 32;
    const unsigned sh = static_cast<unsigned>(bits % 32);
    if (lost) {
        *lost = false;
        for (std::size_t i = 0; i < a.size() && i < limbs; ++i) {
            if (a[i]) *lost = true;
        }
        if (limbs < a.size() && sh && (a[limbs] & ((1u << sh) - 1))) *lost = true;
    }
    if (limbs >= a.size()) return {};
    Limbs r(a.size() - limbs);
    for (std::size_t i = 0; i < r.size(); ++i) {
        std::uint64_t v = a[i + limbs];
        if (i + limbs + 1 < a.size()) v |= std::uint64_t{a[i + limbs + 1]} << 32;
        r[i] = static_cast<std::uint32_t>(v >> sh);
    }
    trim_limbs(r);
    return r;
}

std::uint64_t low_u64(const Limbs& m) noexcept
{
    std::uint64_t v = 0;
    if (!m.empty()) v = m[0];
    if (m.size() > 1) v |= std::uint64_t{m[1]} << 32;
    return v;
}

std::int64_t mag_bit_length(const Limbs& m) noexcept
{
    if (m.empty()) return 0;
    return static_cast<std::int64_t>(m.size() - 1) * 32 + (32 - std::countl_zero(m.back()));
}

int digit_value(char32_t c) noexcept
{
    if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
    if (c >= 'a' && c <= 'z') return static_cast<int>(c - 'a' + 10);
    if (c >= 'A' && c <= 'Z') return static_cast<int>(c - 'A' + 10);
    if (c >= 0x80) return unicode_decimal_value(c);
    return -1;
}

[[noreturn]] void throw_str_limit_parse(int limit, std::size_t digits)
{
    throw PyError("ValueError", "Exceeds the limit (" + std::to_string(limit) +
                                    " digits) for integer string conversion: value has " + std::to_string(digits) +
                                    " digits; use sys.set_int_max_str_digits() to increase the limit");
}

[[noreturn]] void throw_str_limit_format(int limit)
{
    throw PyError("ValueError", "Exceeds the limit (" + std::to_string(limit) +
                                    " digits) for integer string conversion; use sys.set_int_max_str_digits() to "
                                    "increase the limit");
}

// Digits (values < base) most significant first into a magnitude.
Limbs digits_to_mag(const std::vector<std::uint8_t>& digits, int base)
{
    Limbs m;
    if (base == 2 || base == 4 || base == 8 || base == 16 || base == 32) {
        const int bits = std::countr_zero(static_cast<unsigned>(base));
        std::uint64_t acc = 0;
        int acc_bits = 0;
        for (std::size_t i = digits.size(); i-- > 0;) {
            acc |= std::uint64_t{digits[i]} << acc_bits;
            acc_bits += bits;
            if (acc_bits >= 32) {
                m.push_back(static_cast<std::uint32_t>(acc));
                acc >>= 32;
                acc_bits -= 32;
            }
        }
        if (acc_bits) m.push_back(static_cast<std::uint32_t>(acc));
        trim_limbs(m);
        return m;
    }
    // Groups of digits that fit one limb multiplier, then multiply-add.
    std::uint32_t group_mul = 1;
    int group_len = 0;
    while (std::uint64_t{group_mul} * static_cast<std::uint64_t>(base) <= 0xffffffffu) {
        group_mul *= static_cast<std::uint32_t>(base);
        ++group_len;
    }
    if (digits.size() > 2000) {
        // Divide and conquer so parsing long literals is not quadratic in practice.
        std::size_t half = digits.size() / 2;
        std::vector<std::uint8_t> hi(digits.begin(), digits.begin() + static_cast<std::ptrdiff_t>(half));
        std::vector<std::uint8_t> lo(digits.begin() + static_cast<std::ptrdiff_t>(half), digits.end());
        Limbs h = digits_to_mag(hi, base), l = digits_to_mag(lo, base);
        BigInt scale = BigInt(base).pow(BigInt(static_cast<long long>(lo.size())));
        Limbs r = mul_mag(h, scale.limbs());
        return add_mag(r, l);
    }
    std::size_t i = 0;
    while (i < digits.size()) {
        std::uint32_t chunk = 0, mul = 1;
        for (int k = 0; k < group_len && i < digits.size(); ++k, ++i) {
            chunk = chunk * static_cast<std::uint32_t>(base) + digits[i];
            mul *= static_cast<std::uint32_t>(base);
        }
        std::uint64_t carry = chunk;
        for (auto& limb : m) {
            std::uint64_t t = std::uint64_t{limb} * mul + carry;
            limb = static_cast<std::uint32_t>(t);
            carry = t >> 32;
        }
        if (carry) m.push_back(static_cast<std::uint32_t>(carry));
    }
    trim_limbs(m);
    return m;
}

std::string invalid_literal(std::string_view text, int base)
{
    std::string r = python_str_repr(text);
    // CPython formats with %.200R: the repr cut to 200 code points.
    if (utf8_length(r) > 200) r.resize(utf8_offset(r, 200));
    return "invalid literal for int() with base " + std::to_string(base) + ": " + r;
}

// Recursive base-10**9 conversion: splits by a power of 10**9 so huge ints stay fast.
void mag_to_decimal(const Limbs& m, std::string& out, std::size_t pad_chunks,
                    const std::vector<Limbs>& powers, std::size_t level)
{
    if (level == 0 || m.size() < 64) {
        Limbs work = m;
        std::vector<std::uint32_t> chunks;
        while (!work.empty()) chunks.push_back(divmod_small(work, 1000000000u));
        while (chunks.size() < pad_chunks) chunks.push_back(0);
        char buf[16];
        for (std::size_t i = chunks.size(); i-- > 0;) {
            bool first = out.empty() && i + 1 == chunks.size() && pad_chunks == 0;
            int n = first ? std::snprintf(buf, sizeof buf, "%u", chunks[i])
                          : std::snprintf(buf, sizeof buf, "%09u", chunks[i]);
            out.append(buf, static_cast<std::size_t>(n));
        }
        return;
    }
    // powers[level] == 10**(9 * 2**level)
    const Limbs& p = powers[level];
    if (cmp_mag(m, p) < 0 && pad_chunks == 0) {
        mag_to_decimal(m, out, 0, powers, level - 1);
        return;
    }
    Limbs q, r;
    divmod_mag(m, p, q, r);
    const std::size_t low_chunks = std::size_t{1} << level;
    mag_to_decimal(q, out, pad_chunks ? pad_chunks - low_chunks : 0, powers, level - 1);
    mag_to_decimal(r, out, low_chunks, powers, level - 1);
}

} // namespace

BigInt::BigInt(long long v)
{
    if (v == 0) return;
    neg_ = v < 0;
    std::uint64_t u = neg_ ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    mag_.push_back(static_cast<std::uint32_t>(u));
    if (u >> 32) mag_.push_back(static_cast<std::uint32_t>(u >> 32));
}

BigInt BigInt::from_uint64(std::uint64_t v)
{
    BigInt r;
    if (v) r.mag_.push_back(static_cast<std::uint32_t>(v));
    if (v >> 32) r.mag_.push_back(static_cast<std::uint32_t>(v >> 32));
    return r;
}

BigInt::BigInt(double v)
{
    if (std::isnan(v)) throw PyError("ValueError", "cannot convert float NaN to integer");
    if (std::isinf(v)) throw PyError("OverflowError", "cannot convert float infinity to integer");
    double t = std::trunc(v);
    if (std::fabs(t) < 9223372036854775808.0) {
        *this = BigInt(static_cast<long long>(t));
        return;
    }
    int e = 0;
    double frac = std::frexp(std::fabs(t), &e);  // |t| = frac * 2**e, e > 63
    auto mant = static_cast<std::uint64_t>(std::ldexp(frac, 53));
    BigInt m = from_uint64(mant);
    mag_ = shl_mag(m.mag_, static_cast<std::uint64_t>(e - 53));
    neg_ = t < 0;
}

BigInt BigInt::from_limbs(std::vector<std::uint32_t> magnitude, bool negative)
{
    BigInt r;
    r.mag_ = std::move(magnitude);
    r.neg_ = negative;
    r.trim();
    return r;
}

void BigInt::trim() noexcept
{
    trim_limbs(mag_);
    if (mag_.empty()) neg_ = false;
}

BigInt BigInt::parse(std::string_view text, int base, int max_str_digits)
{
    if (base != 0 && (base < 2 || base > 36)) throw PyError("ValueError", "int() base must be >= 2 and <= 36, or 0");
    const int shown_base = base;
    // Decode, strip Unicode whitespace, map Unicode decimal digits.
    std::vector<char32_t> cps;
    for (std::size_t pos = 0; pos < text.size();) cps.push_back(utf8_decode(text, pos));
    std::size_t b = 0, e = cps.size();
    while (b < e && unicode_is_space(cps[b])) ++b;
    while (e > b && unicode_is_space(cps[e - 1])) --e;
    auto fail = [&]() -> BigInt { throw PyError("ValueError", invalid_literal(text, shown_base)); };
    bool negative = false;
    if (b < e && (cps[b] == '+' || cps[b] == '-')) {
        negative = cps[b] == '-';
        ++b;
    }
    bool prefixed = false;
    if (e - b >= 2 && cps[b] == '0') {
        char32_t p = cps[b + 1] | 0x20;
        int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (pb && (base == 0 || base == pb)) {
            base = pb;
            b += 2;
            prefixed = true;
        }
    }
    bool base0_decimal = false;
    if (base == 0) {
        base = 10;
        base0_decimal = true;
    }
    std::vector<std::uint8_t> digits;
    bool prev_digit = false, prev_underscore = false;
    for (std::size_t i = b; i < e; ++i) {
        char32_t c = cps[i];
        if (c == '_') {
            // Single underscores between digits, or one right after a base prefix.
            if (prev_underscore || (!prev_digit && !(prefixed && i == b))) return fail();
            prev_underscore = true;
            prev_digit = false;
            continue;
        }
        int d = digit_value(c);
        if (d < 0 || d >= base) return fail();
        digits.push_back(static_cast<std::uint8_t>(d));
        prev_digit = true;
        prev_underscore = false;
    }
    if (digits.empty() || prev_underscore) return fail();
    if (base0_decimal && digits.size() > 1 && digits[0] == 0) {
        // Python literals forbid leading zeros unless the value is zero.
        for (auto d : digits) {
            if (d != 0) return fail();
        }
    }
    if ((base & (base - 1)) != 0 && max_str_digits > 0 && digits.size() > static_cast<std::size_t>(max_str_digits)) {
        throw_str_limit_parse(max_str_digits, digits.size());
    }
    BigInt r;
    r.mag_ = digits_to_mag(digits, base);
    r.neg_ = negative;
    r.trim();
    return r;
}

BigInt BigInt::parse_literal(std::string_view literal)
{
    int base = 10;
    std::size_t i = 0;
    if (literal.size() >= 2 && literal[0] == '0') {
        char p = static_cast<char>(literal[1] | 0x20);
        base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
        if (base != 10) i = 2;
    }
    std::vector<std::uint8_t> digits;
    for (; i < literal.size(); ++i) {
        if (literal[i] == '_') continue;
        int d = digit_value(static_cast<unsigned char>(literal[i]));
        if (d < 0 || d >= base) throw PyError("ValueError", invalid_literal(literal, 0));
        digits.push_back(static_cast<std::uint8_t>(d));
    }
    BigInt r;
    r.mag_ = digits_to_mag(digits, base);
    return r;
}

std::string BigInt::to_string(int base, int max_str_digits) const
{
    if (base < 2 || base > 36) throw PyError("ValueError", "base must be >= 2 and <= 36");
    if (mag_.empty()) return "0";
    std::string out;
    if (neg_) out.push_back('-');
    static constexpr char digit_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    if ((base & (base - 1)) == 0) {
        const int bits = std::countr_zero(static_cast<unsigned>(base));
        const std::int64_t nbits = bit_length();
        std::int64_t ndig = (nbits + bits - 1) / bits;
        for (std::int64_t d = ndig; d-- > 0;) {
            std::int64_t bit = d * bits;
            unsigned v = 0;
            for (int k = bits; k-- > 0;) {
                std::int64_t bb = bit + k;
                std::size_t li = static_cast<std::size_t>(bb / 32);
                v <<= 1;
                if (li < mag_.size()) v |= (mag_[li] >> (bb % 32)) & 1u;
            }
            out.push_back(digit_chars[v]);
        }
        return out;
    }
    if (base == 10 && max_str_digits > 0) {
        // log10(2) ~ 0.30103: more bits than this always means more digits than the limit.
        if (static_cast<double>(bit_length() - 1) * 0.30102999566398120 > max_str_digits + 1.0) {
            throw_str_limit_format(max_str_digits);
        }
    }
    if (base == 10) {
        std::vector<Limbs> powers{BigInt(1000000000).mag_};
        while (powers.back().size() * 2 <= mag_.size()) powers.push_back(mul_mag(powers.back(), powers.back()));
        std::string digits;
        mag_to_decimal(mag_, digits, 0, powers, powers.size() - 1);
        if (max_str_digits > 0 && digits.size() > static_cast<std::size_t>(max_str_digits)) {
            throw_str_limit_format(max_str_digits);
        }
        out += digits;
        return out;
    }
    Limbs work = mag_;
    std::string rev;
    while (!work.empty()) rev.push_back(digit_chars[divmod_small(work, static_cast<std::uint32_t>(base))]);
    out.append(rev.rbegin(), rev.rend());
    return out;
}

std::string BigInt::to_python_bin() const
{
    std::string s = abs().to_string(2);
    return (neg_ ? "-0b" : "0b") + s;
}

std::string BigInt::to_python_oct() const
{
    std::string s = abs().to_string(8);
    return (neg_ ? "-0o" : "0o") + s;
}

std::string BigInt::to_python_hex() const
{
    std::string s = abs().to_string(16);
    return (neg_ ? "-0x" : "0x") + s;
}

namespace {

// Both operands within one limb each: the common small case, done without the limb loops.
bool both_small(const BigInt& a, const BigInt& b) noexcept
{
    return a.limbs().size() <= 1 && b.limbs().size() <= 1;
}

std::int64_t small_value(const BigInt& v) noexcept
{
    const std::int64_t m = v.limbs().empty() ? 0 : v.limbs()[0];
    return v.is_negative() ? -m : m;
}

} // namespace

BigInt operator+(const BigInt& a, const BigInt& b)
{
    if (both_small(a, b)) return BigInt(static_cast<long long>(small_value(a) + small_value(b)));
    BigInt r;
    if (a.neg_ == b.neg_) {
        r.mag_ = add_mag(a.mag_, b.mag_);
        r.neg_ = a.neg_;
    } else if (cmp_mag(a.mag_, b.mag_) >= 0) {
        r.mag_ = sub_mag(a.mag_, b.mag_);
        r.neg_ = a.neg_;
    } else {
        r.mag_ = sub_mag(b.mag_, a.mag_);
        r.neg_ = b.neg_;
    }
    r.trim();
    return r;
}

BigInt operator-(const BigInt& a, const BigInt& b)
{
    if (both_small(a, b)) return BigInt(static_cast<long long>(small_value(a) - small_value(b)));
    return a + (-b);
}

BigInt operator*(const BigInt& a, const BigInt& b)
{
    if (both_small(a, b)) {
        // |a|, |b| < 2**32, so the product's magnitude fits 64 bits.
        const std::uint64_t m = std::uint64_t{a.is_zero() ? 0u : a.mag_[0]} * (b.is_zero() ? 0u : b.mag_[0]);
        BigInt r = BigInt::from_uint64(m);
        r.neg_ = m != 0 && a.neg_ != b.neg_;
        return r;
    }
    BigInt r;
    r.mag_ = mul_mag(a.mag_, b.mag_);
    r.neg_ = a.neg_ != b.neg_;
    r.trim();
    return r;
}

BigInt& BigInt::operator+=(const BigInt& b)
{
    return *this = *this + b;
}

BigInt& BigInt::operator-=(const BigInt& b)
{
    return *this = *this - b;
}

BigInt& BigInt::operator*=(const BigInt& b)
{
    return *this = *this * b;
}

BigInt BigInt::operator-() const
{
    BigInt r = *this;
    if (!r.mag_.empty()) r.neg_ = !r.neg_;
    return r;
}

BigInt BigInt::abs() const
{
    BigInt r = *this;
    r.neg_ = false;
    return r;
}

std::pair<BigInt, BigInt> BigInt::divmod(const BigInt& d) const
{
    if (d.is_zero()) throw PyError("ZeroDivisionError", "integer division or modulo by zero");
    BigInt q, r;
    divmod_mag(mag_, d.mag_, q.mag_, r.mag_);
    q.neg_ = neg_ != d.neg_;
    r.neg_ = neg_;
    q.trim();
    r.trim();
    if (!r.is_zero() && r.neg_ != d.neg_) {
        q -= BigInt(1);
        r += d;
    }
    return {std::move(q), std::move(r)};
}

BigInt BigInt::floor_div(const BigInt& d) const
{
    return divmod(d).first;
}

BigInt BigInt::mod(const BigInt& d) const
{
    if (d.is_zero()) throw PyError("ZeroDivisionError", "integer modulo by zero");
    return divmod(d).second;
}

BigInt BigInt::pow(const BigInt& exp) const
{
    if (exp.is_negative()) throw PyError("ValueError", "negative exponent for integer power");
    if (exp.is_zero()) return BigInt(1);
    if (is_zero()) return BigInt();
    if (mag_.size() == 1 && mag_[0] == 1) return (neg_ && exp.is_odd()) ? BigInt(-1) : BigInt(1);
    if (!exp.fits_int64() || static_cast<double>(exp.to_int64()) * static_cast<double>(bit_length()) > 1e11) {
        throw PyError("MemoryError", "");
    }
    // A power of two is a shift.
    bool power_of_two = true;
    for (std::size_t i = 0; i + 1 < mag_.size(); ++i) power_of_two = power_of_two && mag_[i] == 0;
    power_of_two = power_of_two && std::has_single_bit(mag_.back());
    std::int64_t e = exp.to_int64();
    if (power_of_two) {
        BigInt r;
        r.mag_ = shl_mag(Limbs{1}, static_cast<std::uint64_t>(bit_length() - 1) * static_cast<std::uint64_t>(e));
        r.neg_ = neg_ && (e & 1);
        return r;
    }
    BigInt result(1), b = *this;
    while (true) {
        if (e & 1) result *= b;
        e >>= 1;
        if (!e) break;
        b *= b;
    }
    return result;
}

BigInt BigInt::pow(const BigInt& exp, const BigInt& modulus) const
{
    if (modulus.is_zero()) throw PyError("ValueError", "pow() 3rd argument cannot be 0");
    const BigInt m = modulus.abs();
    BigInt base = mod(m);
    BigInt e = exp;
    if (e.is_negative()) {
        // Modular inverse by the extended Euclidean algorithm.
        BigInt r0 = m, r1 = base, s0(0), s1(1);
        while (!r1.is_zero()) {
            auto [q, r] = r0.divmod(r1);
            r0 = std::move(r1);
            r1 = std::move(r);
            BigInt s = s0 - q * s1;
            s0 = std::move(s1);
            s1 = std::move(s);
        }
        if (!(r0 == BigInt(1))) {
            if (m == BigInt(1)) return BigInt(0);
            throw PyError("ValueError", "base is not invertible for the given modulus");
        }
        base = s0.mod(m);
        e = -e;
    }
    BigInt result = m == BigInt(1) ? BigInt(0) : BigInt(1);
    const std::int64_t nbits = e.bit_length();
    for (std::int64_t i = nbits; i-- > 0;) {
        result = (result * result).mod(m);
        std::size_t li = static_cast<std::size_t>(i / 32);
        if ((e.mag_[li] >> (i % 32)) & 1u) result = (result * base).mod(m);
    }
    if (modulus.is_negative() && !result.is_zero()) result -= m;
    return result;
}

BigInt BigInt::round_to_ndigits(std::int64_t ndigits) const
{
    if (ndigits >= 0) return *this;
    // Past the number's own size the nearest multiple is 0; skips computing a huge 10**n.
    if (static_cast<double>(-ndigits) > static_cast<double>(bit_length()) * 0.30103 + 2) return BigInt();
    const BigInt p = BigInt(10).pow(BigInt(static_cast<long long>(-ndigits)));
    auto [q, r] = divmod(p);
    const auto c = (r + r) <=> p;
    if (c > 0 || (c == 0 && q.is_odd())) q += BigInt(1);
    return q * p;
}

bool operator==(const BigInt& a, const BigInt& b) noexcept
{
    return a.neg_ == b.neg_ && a.mag_ == b.mag_;
}

std::strong_ordering operator<=>(const BigInt& a, const BigInt& b) noexcept
{
    if (a.neg_ != b.neg_) return a.neg_ ? std::strong_ordering::less : std::strong_ordering::greater;
    int c = cmp_mag(a.mag_, b.mag_);
    if (a.neg_) c = -c;
    return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
}

namespace {

// Two's complement limbs of width n (n > magnitude size).
Limbs to_twos(const BigInt& v, std::size_t n)
{
    Limbs r(n, 0);
    const Limbs& m = v.limbs();
    std::copy(m.begin(), m.end(), r.begin());
    if (v.is_negative()) {
        std::uint64_t carry = 1;
        for (auto& limb : r) {
            std::uint64_t t = std::uint64_t{static_cast<std::uint32_t>(~limb)} + carry;
            limb = static_cast<std::uint32_t>(t);
            carry = t >> 32;
        }
    }
    return r;
}

BigInt from_twos(Limbs r)
{
    bool negative = !r.empty() && (r.back() & 0x80000000u);
    if (negative) {
        std::uint64_t carry = 1;
        for (auto& limb : r) {
            std::uint64_t t = std::uint64_t{static_cast<std::uint32_t>(~limb)} + carry;
            limb = static_cast<std::uint32_t>(t);
            carry = t >> 32;
        }
    }
    return BigInt::from_limbs(std::move(r), negative);
}

template <class Op>
BigInt bitwise(const BigInt& a, const BigInt& b, Op op)
{
    std::size_t n = std::max(a.limbs().size(), b.limbs().size()) + 1;
    Limbs x = to_twos(a, n), y = to_twos(b, n);
    for (std::size_t i = 0; i < n; ++i) x[i] = op(x[i], y[i]);
    return from_twos(std::move(x));
}

} // namespace

BigInt operator&(const BigInt& a, const BigInt& b)
{
    return bitwise(a, b, [](std::uint32_t x, std::uint32_t y) { return x & y; });
}

BigInt operator|(const BigInt& a, const BigInt& b)
{
    return bitwise(a, b, [](std::uint32_t x, std::uint32_t y) { return x | y; });
}

BigInt operator^(const BigInt& a, const BigInt& b)
{
    return bitwise(a, b, [](std::uint32_t x, std::uint32_t y) { return x ^ y; });
}

BigInt BigInt::operator~() const
{
    return -*this - BigInt(1);
}

BigInt BigInt::shift_left(const BigInt& count) const
{
    if (count.is_negative()) throw PyError("ValueError", "negative shift count");
    if (is_zero()) return BigInt();
    // Results past 2**34 bits (2 GiB) are refused as CPython would fail to allocate them.
    if (!count.fits_int64() || count.to_int64() > (std::int64_t{1} << 34)) throw PyError("MemoryError", "");
    return *this << count.to_int64();
}

BigInt BigInt::shift_right(const BigInt& count) const
{
    if (count.is_negative()) throw PyError("ValueError", "negative shift count");
    if (!count.fits_int64() || count.to_int64() > bit_length()) return neg_ ? BigInt(-1) : BigInt(0);
    return *this >> count.to_int64();
}

BigInt operator<<(const BigInt& a, std::int64_t count)
{
    if (count < 0) throw PyError("ValueError", "negative shift count");
    BigInt r;
    r.mag_ = shl_mag(a.mag_, static_cast<std::uint64_t>(count));
    r.neg_ = a.neg_;
    r.trim();
    return r;
}

BigInt operator>>(const BigInt& a, std::int64_t count)
{
    if (count < 0) throw PyError("ValueError", "negative shift count");
    BigInt r;
    bool lost = false;
    r.mag_ = shr_mag(a.mag_, static_cast<std::uint64_t>(count), &lost);
    r.neg_ = a.neg_;
    r.trim();
    // Floor for negatives: -5 >> 1 == -3.
    if (a.neg_ && lost) r -= BigInt(1);
    return r;
}

bool BigInt::fits_int64() const noexcept
{
    if (mag_.size() > 2) return false;
    std::uint64_t u = low_u64(mag_);
    return neg_ ? u <= (std::uint64_t{1} << 63) : u < (std::uint64_t{1} << 63);
}

std::int64_t BigInt::to_int64() const
{
    if (!fits_int64()) throw PyError("OverflowError", "Python int too large to convert to C long");
    std::uint64_t u = low_u64(mag_);
    return neg_ ? static_cast<std::int64_t>(0 - u) : static_cast<std::int64_t>(u);
}

double BigInt::to_double() const
{
    const std::int64_t nbits = bit_length();
    if (nbits <= 64) {
        double d = static_cast<double>(low_u64(mag_));
        return neg_ ? -d : d;
    }
    if (nbits > 1024) throw PyError("OverflowError", "int too large to convert to float");
    const std::int64_t shift = nbits - 64;
    bool lost = false;
    Limbs top = shr_mag(mag_, static_cast<std::uint64_t>(shift), &lost);
    std::uint64_t t = low_u64(top) | (lost ? 1u : 0u);  // sticky bit keeps the rounding exact
    double d = std::ldexp(static_cast<double>(t), static_cast<int>(shift));
    if (std::isinf(d)) throw PyError("OverflowError", "int too large to convert to float");
    return neg_ ? -d : d;
}

double BigInt::true_divide(const BigInt& a, const BigInt& b)
{
    if (b.is_zero()) throw PyError("ZeroDivisionError", "division by zero");
    const bool negative = a.neg_ != b.neg_;
    const std::int64_t abits = a.bit_length(), bbits = b.bit_length();
    if (abits <= 53 && bbits <= 53) {
        return static_cast<double>(a.to_int64()) / static_cast<double>(b.to_int64());
    }
    if (a.is_zero()) return negative ? -0.0 : 0.0;
    constexpr int mant_dig = std::numeric_limits<double>::digits;    // 53
    constexpr int min_exp = std::numeric_limits<double>::min_exponent;  // -1021
    constexpr int max_exp = std::numeric_limits<double>::max_exponent;  // 1024
    const std::int64_t diff = abits - bbits;  // a/b lies in [2**(diff-1), 2**(diff+1))
    if (diff > max_exp) throw PyError("OverflowError", "integer division result too large for a float");
    if (diff < min_exp - mant_dig - 1) return negative ? -0.0 : 0.0;
    const std::int64_t shift = std::max<std::int64_t>(diff, min_exp) - mant_dig - 2;
    bool inexact = false;
    Limbs x = shift < 0 ? shl_mag(a.mag_, static_cast<std::uint64_t>(-shift))
                        : shr_mag(a.mag_, static_cast<std::uint64_t>(shift), &inexact);
    Limbs q, r;
    divmod_mag(x, b.mag_, q, r);
    if (!r.empty()) inexact = true;
    std::uint64_t qv = low_u64(q);  // at most 56 bits
    const int qbits = static_cast<int>(mag_bit_length(q));
    const int extra = std::max<int>(qbits, static_cast<int>(min_exp - shift)) - mant_dig;
    if (extra > 0) {
        const std::uint64_t unit = std::uint64_t{1} << extra;
        const std::uint64_t low = qv & (unit - 1);
        const std::uint64_t half = unit >> 1;
        qv -= low;
        if (low > half || (low == half && (inexact || (qv & unit)))) qv += unit;
    }
    double d = std::ldexp(static_cast<double>(qv), static_cast<int>(shift));
    if (std::isinf(d)) throw PyError("OverflowError", "integer division result too large for a float");
    return negative ? -d : d;
}

std::int64_t BigInt::bit_length() const noexcept
{
    return mag_bit_length(mag_);
}

std::int64_t BigInt::bit_count() const noexcept
{
    std::int64_t n = 0;
    for (auto limb : mag_) n += std::popcount(limb);
    return n;
}

std::uint64_t BigInt::magnitude_mod_hash_modulus() const noexcept
{
    // h * 2**32 mod (2**61 - 1): the bits above bit 61 wrap around to the bottom.
    std::uint64_t h = 0;
    for (std::size_t i = mag_.size(); i-- > 0;) {
        std::uint64_t lo = (h & ((std::uint64_t{1} << 29) - 1)) << 32;
        std::uint64_t hi = h >> 29;
        h = lo + hi + mag_[i];
        while (h >= hash_modulus) h -= hash_modulus;
    }
    return h;
}

std::int64_t BigInt::hash() const noexcept
{
    auto h = static_cast<std::int64_t>(magnitude_mod_hash_modulus());
    if (neg_) h = -h;
    return h == -1 ? -2 : h;
}

} // namespace script::support
