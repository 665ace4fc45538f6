#include <script/support/float_digits.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace script::support {

namespace {

// A decimal value 0.d1d2d3... * 10**decpt, as dtoa returns it.
struct Digits {
    std::string digits;  // no leading zeros; "0" for zero
    int decpt = 1;
};

// From std::to_chars scientific output "d.ddde+XX".
Digits from_scientific(const char* b, const char* e)
{
    Digits d;
    const char* ep = std::find(b, e, 'e');
    for (const char* p = b; p < ep; ++p) {
        if (*p != '.') d.digits.push_back(*p);
    }
    d.decpt = std::atoi(std::string(ep + 1, e).c_str()) + 1;
    return d;
}

void strip_trailing_zeros(Digits& d)
{
    while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
    if (d.digits == "0") d.decpt = 1;
}

Digits shortest(double x)
{
    if (x == 0.0) return {"0", 1};
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
    Digits d = from_scientific(buf, r.ptr);
    strip_trailing_zeros(d);
    return d;
}

// `count` significant digits (dtoa mode 2).
Digits significant(double x, int count)
{
    if (x == 0.0) return {"0", 1};
    std::vector<char> buf(static_cast<std::size_t>(count) + 32);
    auto r = std::to_chars(buf.data(), buf.data() + buf.size(), x, std::chars_format::scientific, count - 1);
    Digits d = from_scientific(buf.data(), r.ptr);
    strip_trailing_zeros(d);
    return d;
}

// `precision` digits after the point (dtoa mode 3).
Digits fixed(double x, int precision)
{
    std::vector<char> buf(static_cast<std::size_t>(precision) + 340);
    auto r = std::to_chars(buf.data(), buf.data() + buf.size(), x, std::chars_format::fixed, precision);
    Digits d;
    int point = -1;
    for (const char* p = buf.data(); p < r.ptr; ++p) {
        if (*p == '.') {
            point = static_cast<int>(d.digits.size());
            continue;
        }
        d.digits.push_back(*p);
    }
    if (point < 0) point = static_cast<int>(d.digits.size());
    std::size_t lead = 0;
    while (lead < d.digits.size() && d.digits[lead] == '0') ++lead;
    if (lead == d.digits.size()) return {"0", 1};
    d.digits.erase(0, lead);
    d.decpt = point - static_cast<int>(lead);
    strip_trailing_zeros(d);
    return d;
}

} // namespace

std::string format_abs_double(double x, char type, int precision, bool alternate, bool add_dot_0)
{
    const bool upper = type == 'E' || type == 'F' || type == 'G';
    if (std::isnan(x)) return upper ? "NAN" : "nan";
    if (std::isinf(x)) return upper ? "INF" : "inf";
    x = std::fabs(x);
    const char lower_type = upper ? static_cast<char>(type + 32) : type;
    Digits d;
    switch (lower_type) {
    case 'e': d = significant(x, precision + 1); break;
    case 'f': d = fixed(x, precision); break;
    case 'g':
        if (precision == 0) precision = 1;
        d = significant(x, precision);
        break;
    default: d = shortest(x); break;
    }
    int decpt = d.decpt;
    const int ndigits = static_cast<int>(d.digits.size());
    int vdigits_end = ndigits;
    bool use_exp = false;
    switch (lower_type) {
    case 'e':
        use_exp = true;
        vdigits_end = precision + 1;
        break;
    case 'f': vdigits_end = decpt + precision; break;
    case 'g':
        if (decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision)) use_exp = true;
        if (alternate) vdigits_end = precision;
        break;
    default:
        if (decpt <= -4 || decpt > 16) use_exp = true;
        break;
    }
    int exp = 0;
    if (use_exp) {
        exp = decpt - 1;
        decpt = 1;
    }
    const int vdigits_start = decpt <= 0 ? decpt - 1 : 0;
    if (!use_exp && add_dot_0) {
        vdigits_end = std::max(vdigits_end, decpt + 1);
    } else {
        vdigits_end = std::max(vdigits_end, decpt);
    }
    std::string out;
    for (int pos = vdigits_start; pos < vdigits_end; ++pos) {
        if (pos == decpt) out.push_back('.');
        out.push_back(pos >= 0 && pos < ndigits ? d.digits[static_cast<std::size_t>(pos)] : '0');
    }
    if (decpt == vdigits_end && alternate) out.push_back('.');
    if (use_exp) {
        out.push_back(upper ? 'E' : 'e');
        out.push_back(exp < 0 ? '-' : '+');
        int a = std::abs(exp);
        if (a < 10) out.push_back('0');
        out += std::to_string(a);
    }
    return out;
}

} // namespace script::support
