#include <script/support/percent_format.hpp>

#include <script/support/float_digits.hpp>
#include <script/support/format_spec.hpp>
#include <script/support/string_repr.hpp>

#include <cmath>
#include <cstdio>
#include <limits>

namespace script::support {

std::string percent_type_error_message(char conversion, std::string_view type_name)
{
    switch (conversion) {
    case 'd': case 'i': case 'u':
        return std::string("%") + conversion + " format: a real number is required, not " + std::string(type_name);
    case 'o': case 'x': case 'X':
        return std::string("%") + conversion + " format: an integer is required, not " + std::string(type_name);
    default:
        return "must be real number, not " + std::string(type_name);
    }
}

void percent_set_star_width(PercentSpec& spec, std::int64_t width)
{
    if (width < 0) {
        spec.left = true;
        width = -width;
    }
    spec.width = width;
}

void percent_set_star_precision(PercentSpec& spec, std::int64_t precision)
{
    spec.precision = precision < 0 ? 0 : precision;
}

void percent_set_star_width(PercentSpec& spec, const BigInt& width)
{
    if (!width.fits_int64()) throw PyError("OverflowError", "Python int too large to convert to C ssize_t");
    percent_set_star_width(spec, width.to_int64());
}

void percent_set_star_precision(PercentSpec& spec, const BigInt& precision)
{
    if (precision < BigInt(std::numeric_limits<int>::min()) || precision > BigInt(std::numeric_limits<int>::max())) {
        throw PyError("OverflowError", "Python int too large to convert to C int");
    }
    percent_set_star_precision(spec, precision.to_int64());
}

std::vector<PercentPiece> parse_percent_format(std::string_view fmt)
{
    std::vector<char32_t> cps;
    for (std::size_t p = 0; p < fmt.size();) cps.push_back(utf8_decode(fmt, p));
    std::vector<PercentPiece> pieces;
    std::string literal;
    auto flush = [&] {
        if (!literal.empty()) {
            pieces.push_back({PercentPiece::Kind::literal, std::move(literal), {}});
            literal.clear();
        }
    };
    auto error = [&](PercentPiece piece, const char* message) {
        flush();
        piece.kind = PercentPiece::Kind::error;
        piece.text = message;
        pieces.push_back(std::move(piece));
        return pieces;
    };
    const std::size_t n = cps.size();
    std::size_t pos = 0;
    while (pos < n) {
        if (cps[pos] != '%') {
            literal += utf8_encode(cps[pos++]);
            continue;
        }
        ++pos;
        if (pos < n && cps[pos] == '%') {
            literal.push_back('%');
            ++pos;
            continue;
        }
        flush();
        // An error piece carries the spec parsed so far: the interpreter still fetches its
        // key and '*' arguments first, as CPython does before noticing the truncation.
        PercentPiece piece;
        piece.kind = PercentPiece::Kind::conversion;
        PercentSpec& s = piece.spec;
        if (pos < n && cps[pos] == '(') {
            ++pos;
            const std::size_t key_start = pos;
            int depth = 1;
            while (pos < n && depth > 0) {
                if (cps[pos] == ')') --depth;
                else if (cps[pos] == '(') ++depth;
                ++pos;
            }
            if (depth > 0) return error(std::move(piece), "incomplete format key");
            std::string key;
            for (std::size_t i = key_start; i + 1 < pos; ++i) key += utf8_encode(cps[i]);
            s.key = std::move(key);
        }
        while (pos < n) {
            const char32_t c = cps[pos];
            if (c == '-') s.left = true;
            else if (c == '+') s.plus = true;
            else if (c == ' ') s.space = true;
            else if (c == '#') s.alternate = true;
            else if (c == '0') s.zero = true;
            else break;
            ++pos;
        }
        if (pos < n && cps[pos] == '*') {
            s.width_star = true;
            ++pos;
        } else if (pos < n && cps[pos] >= '0' && cps[pos] <= '9') {
            s.width = 0;
            while (pos < n && cps[pos] >= '0' && cps[pos] <= '9') {
                const int d = static_cast<int>(cps[pos] - '0');
                if (s.width > (std::numeric_limits<std::int64_t>::max() - d) / 10) {
                    return error(std::move(piece), "width too big");
                }
                s.width = s.width * 10 + d;
                ++pos;
            }
        }
        if (pos < n && cps[pos] == '.') {
            ++pos;
            s.precision = 0;
            if (pos < n && cps[pos] == '*') {
                s.precision_star = true;
                ++pos;
            } else {
                while (pos < n && cps[pos] >= '0' && cps[pos] <= '9') {
                    const int d = static_cast<int>(cps[pos] - '0');
                    if (s.precision > (std::numeric_limits<int>::max() - d) / 10) {
                        return error(std::move(piece), "precision too big");
                    }
                    s.precision = s.precision * 10 + d;
                    ++pos;
                }
            }
        }
        if (pos < n && (cps[pos] == 'h' || cps[pos] == 'l' || cps[pos] == 'L')) ++pos;
        if (pos >= n) return error(std::move(piece), "incomplete format");
        const char32_t c = cps[pos];
        switch (c) {
        case 's': case 'r': case 'a': case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'c':
            s.conversion = static_cast<char>(c);
            break;
        default: {
            char buf[96];
            std::snprintf(buf, sizeof buf, "unsupported format character '%c' (0x%x) at index %zu",
                          (c >= 31 && c <= 126) ? static_cast<char>(c) : '?', static_cast<unsigned>(c), pos);
            s.unsupported = buf;
            s.conversion = '?';
        }
        }
        ++pos;
        pieces.push_back(std::move(piece));
    }
    flush();
    return pieces;
}

namespace {

// unicode_format_arg_output: sign, '0x' prefix, fill, justification.
void check_size(const PercentSpec& spec)
{
    if (spec.width > max_format_width) throw PyError("MemoryError", "");
}

std::string output(std::string_view str, const PercentSpec& spec, bool numeric)
{
    std::int64_t width = spec.width;
    std::size_t len = utf8_length(str);
    const char conv = spec.conversion;
    if ((conv == 's' || conv == 'r' || conv == 'a') && spec.precision >= 0 &&
        len > static_cast<std::size_t>(spec.precision)) {
        str = str.substr(0, utf8_offset(str, static_cast<std::size_t>(spec.precision)));
        len = static_cast<std::size_t>(spec.precision);
    }
    const char fill = numeric && spec.zero ? '0' : ' ';
    std::size_t pindex = 0;
    char signchar = 0;
    if (numeric) {
        if (!str.empty() && (str[0] == '-' || str[0] == '+')) {
            signchar = str[0];
            --len;
            ++pindex;
        } else if (spec.plus) {
            signchar = '+';
        } else if (spec.space) {
            signchar = ' ';
        }
    }
    auto slen = static_cast<std::int64_t>(len);
    if (width < slen) width = slen;
    std::string out;
    if (signchar) {
        if (fill != ' ') out.push_back(signchar);
        if (width > slen) --width;
    }
    const bool prefix = numeric && spec.alternate && (conv == 'x' || conv == 'X' || conv == 'o');
    if (prefix) {
        if (fill != ' ') {
            out.append(str.substr(pindex, 2));
            pindex += 2;
        }
        width -= 2;
        if (width < 0) width = 0;
        slen -= 2;
    }
    if (width > slen && !spec.left) {
        out.append(static_cast<std::size_t>(width - slen), fill);
        width = slen;
    }
    if (fill == ' ') {
        if (signchar) out.push_back(signchar);
        if (prefix) {
            out.append(str.substr(pindex, 2));
            pindex += 2;
        }
    }
    std::string_view rest = str.substr(pindex);
    out.append(rest.substr(0, utf8_offset(rest, static_cast<std::size_t>(std::max<std::int64_t>(slen, 0)))));
    if (width > slen) out.append(static_cast<std::size_t>(width - slen), ' ');
    return out;
}

} // namespace

std::string percent_format_int(const BigInt& value, const PercentSpec& spec)
{
    check_size(spec);
    if (spec.precision > max_format_width) throw PyError("MemoryError", "");
    int base = 10;
    std::string prefix;
    switch (spec.conversion) {
    case 'o': base = 8; prefix = "0o"; break;
    case 'x': base = 16; prefix = "0x"; break;
    case 'X': base = 16; prefix = "0X"; break;
    default: break;
    }
    if (!spec.alternate) prefix.clear();
    std::string digits = value.abs().to_string(base);
    if (spec.conversion == 'X') {
        for (char& c : digits) {
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
        }
    }
    if (spec.precision > 0 && digits.size() < static_cast<std::size_t>(spec.precision)) {
        digits.insert(0, static_cast<std::size_t>(spec.precision) - digits.size(), '0');
    }
    std::string str = (value.is_negative() ? "-" : "") + prefix + digits;
    return output(str, spec, true);
}

std::string percent_format_float(double value, const PercentSpec& spec)
{
    check_size(spec);
    if (spec.precision > max_format_width) throw PyError("MemoryError", "");
    const int precision = spec.precision < 0 ? 6 : static_cast<int>(spec.precision);
    std::string str = format_abs_double(value, spec.conversion, precision, spec.alternate, false);
    if (std::signbit(value) && !std::isnan(value)) str.insert(0, 1, '-');
    return output(str, spec, true);
}

std::string percent_format_text(std::string_view text_utf8, const PercentSpec& spec)
{
    check_size(spec);
    return output(text_utf8, spec, false);
}

} // namespace script::support
