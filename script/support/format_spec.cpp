#include <script/support/format_spec.hpp>

#include <script/support/float_digits.hpp>
#include <script/support/float_format.hpp>
#include <script/support/string_repr.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace script::support {

namespace {

bool is_align(char32_t c) noexcept
{
    return c == '<' || c == '>' || c == '^' || c == '=';
}

[[noreturn]] void value_error(std::string message)
{
    throw PyError("ValueError", std::move(message));
}

std::string code_text(char32_t type)
{
    if (type > 32 && type < 128) return std::string(1, static_cast<char>(type));
    char buf[16];
    std::snprintf(buf, sizeof buf, "\\x%x", static_cast<unsigned>(type));
    return buf;
}

[[noreturn]] void unknown_code(char32_t type, std::string_view type_name)
{
    value_error("Unknown format code '" + code_text(type) + "' for object of type '" + std::string(type_name) + "'");
}

// Reads decimal digits; returns how many were consumed (width/precision).
std::size_t read_integer(const std::vector<char32_t>& cps, std::size_t& pos, std::int64_t& out)
{
    std::size_t consumed = 0;
    out = 0;
    while (pos < cps.size() && cps[pos] >= '0' && cps[pos] <= '9') {
        const int d = static_cast<int>(cps[pos] - '0');
        if (out > (std::numeric_limits<std::int64_t>::max() - d) / 10) {
            value_error("Too many decimal digits in format string");
        }
        out = out * 10 + d;
        ++pos;
        ++consumed;
    }
    return consumed;
}

struct ParsedSpec {
    FormatSpec spec;
    char32_t type = 0;  // may be non-ASCII (only for error messages)
};

ParsedSpec parse(std::string_view text, char default_type, char default_align, std::string_view type_name)
{
    std::vector<char32_t> cps;
    for (std::size_t p = 0; p < text.size();) cps.push_back(utf8_decode(text, p));
    ParsedSpec r;
    FormatSpec& f = r.spec;
    std::size_t pos = 0;
    const std::size_t end = cps.size();
    bool align_given = false;
    if (end - pos >= 2 && is_align(cps[pos + 1])) {
        f.align = static_cast<char>(cps[pos + 1]);
        f.fill = utf8_encode(cps[pos]);
        f.fill_given = true;
        align_given = true;
        pos += 2;
    } else if (end - pos >= 1 && is_align(cps[pos])) {
        f.align = static_cast<char>(cps[pos]);
        align_given = true;
        ++pos;
    }
    if (pos < end && (cps[pos] == '+' || cps[pos] == '-' || cps[pos] == ' ')) f.sign = static_cast<char>(cps[pos++]);
    if (pos < end && cps[pos] == 'z') {
        f.no_neg_zero = true;
        ++pos;
    }
    if (pos < end && cps[pos] == '#') {
        f.alternate = true;
        ++pos;
    }
    if (!f.fill_given && pos < end && cps[pos] == '0') {
        f.fill.assign(1, '0');
        f.zero_pad = true;
        if (!align_given && default_align == '>') f.align = '=';
        ++pos;
    }
    std::int64_t value = 0;
    if (read_integer(cps, pos, value) > 0) f.width = value;
    if (pos < end && cps[pos] == ',') {
        f.grouping = ',';
        ++pos;
    }
    if (pos < end && cps[pos] == '_') {
        if (f.grouping) value_error("Cannot specify both ',' and '_'.");
        f.grouping = '_';
        ++pos;
    }
    if (pos < end && cps[pos] == ',' && f.grouping == '_') value_error("Cannot specify both ',' and '_'.");
    if (pos < end && cps[pos] == '.') {
        ++pos;
        if (read_integer(cps, pos, value) == 0) value_error("Format specifier missing precision");
        f.precision = value;
    }
    if (end - pos > 1) {
        value_error("Invalid format specifier '" + std::string(text) + "' for object of type '" +
                    std::string(type_name) + "'");
    }
    r.type = end - pos == 1 ? cps[pos] : static_cast<char32_t>(static_cast<unsigned char>(default_type));
    f.type = r.type < 128 ? static_cast<char>(r.type) : '?';
    if (f.grouping) {
        switch (r.type) {
        case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
            break;
        case 'b': case 'o': case 'x': case 'X':
            if (f.grouping == '_') break;
            [[fallthrough]];
        default:
            value_error(std::string("Cannot specify '") + f.grouping + "' with '" + code_text(r.type) + "'.");
        }
    }
    if (!f.align) f.align = default_align;
    if (f.width > max_format_width) throw PyError("MemoryError", "");
    return r;
}

// Inserts separators every `group` digits from the right, zero-padding (with separators)
// up to min_width characters as CPython's _PyUnicode_InsertThousandsGrouping does.
std::string group_digits(std::string_view digits, int group, char sep, std::int64_t min_width)
{
    std::string out;  // built reversed
    std::int64_t remaining = static_cast<std::int64_t>(digits.size());
    std::size_t idx = digits.size();
    bool use_sep = false;
    auto emit = [&](std::int64_t l) {
        const std::int64_t zeros = std::max<std::int64_t>(0, l - remaining);
        const std::int64_t chars = std::max<std::int64_t>(0, std::min(remaining, l));
        if (use_sep) out.push_back(sep);
        for (std::int64_t i = 0; i < chars; ++i) out.push_back(digits[--idx]);
        for (std::int64_t i = 0; i < zeros; ++i) out.push_back('0');
        remaining -= chars;
    };
    if (group > 0 && sep) {
        while (true) {
            const std::int64_t l = std::min<std::int64_t>(group, std::max({remaining, min_width, std::int64_t{1}}));
            emit(l);
            use_sep = true;
            min_width -= l;
            if (remaining <= 0 && min_width <= 0) return {out.rbegin(), out.rend()};
            min_width -= 1;
        }
    }
    emit(std::max({remaining, min_width, std::int64_t{1}}));
    return {out.rbegin(), out.rend()};
}

std::string repeat_fill(const std::string& fill, std::int64_t n)
{
    std::string s;
    for (std::int64_t i = 0; i < n; ++i) s += fill;
    return s;
}

// calc_number_widths + fill_number: [lpad][sign][prefix][spad][digits][rest][rpad].
std::string layout_number(const FormatSpec& f, bool negative, std::string_view prefix, std::string_view digits,
                          std::string_view rest, std::size_t rest_chars, int group)
{
    char sign = negative ? '-' : (f.sign == '+' || f.sign == ' ') ? f.sign : '\0';
    const std::int64_t non_digit =
        static_cast<std::int64_t>((sign ? 1 : 0) + prefix.size() + rest_chars);
    const std::int64_t min_width = (f.fill == "0" && f.align == '=') ? f.width - non_digit : 0;
    std::string grouped;
    if (!digits.empty()) grouped = group_digits(digits, f.grouping ? group : 0, f.grouping, min_width);
    const std::int64_t padding = f.width - (non_digit + static_cast<std::int64_t>(grouped.size()));
    std::int64_t lpad = 0, spad = 0, rpad = 0;
    if (padding > 0) {
        switch (f.align) {
        case '<': rpad = padding; break;
        case '^':
            lpad = padding / 2;
            rpad = padding - lpad;
            break;
        case '=': spad = padding; break;
        default: lpad = padding; break;
        }
    }
    std::string out = repeat_fill(f.fill, lpad);
    if (sign) out.push_back(sign);
    out += prefix;
    out += repeat_fill(f.fill, spad);
    out += grouped;
    out += rest;
    out += repeat_fill(f.fill, rpad);
    return out;
}

std::string format_float_parsed(double val, const FormatSpec& f, char32_t type, std::string_view type_name)
{
    switch (type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%': break;
    default: unknown_code(type, type_name);
    }
    if (f.precision > std::numeric_limits<int>::max()) value_error("precision too big");
    if (f.precision > max_format_width) throw PyError("MemoryError", "");
    int precision = static_cast<int>(f.precision);
    int default_precision = 6;
    bool add_dot_0 = false;
    char t = static_cast<char>(type);
    if (t == 0) {
        add_dot_0 = true;
        t = 'r';
        default_precision = 0;
    }
    if (t == 'n') t = 'g';
    bool add_pct = false;
    if (t == '%') {
        t = 'f';
        val *= 100;
        add_pct = true;
    }
    if (precision < 0) precision = default_precision;
    else if (t == 'r') t = 'g';
    std::string body = format_abs_double(val, t, precision, f.alternate, add_dot_0);
    bool negative = std::signbit(val) && !std::isnan(val);
    if (negative && f.no_neg_zero) {
        // 'z': a result that rounded to zero loses its sign.
        bool all_zero = true;
        for (char c : body) {
            if (c == 'e' || c == 'E') break;
            if (c >= '1' && c <= '9') all_zero = false;
        }
        if (all_zero && !std::isinf(val)) negative = false;
    }
    if (add_pct) body.push_back('%');
    std::size_t ndig = 0;
    while (ndig < body.size() && body[ndig] >= '0' && body[ndig] <= '9') ++ndig;
    std::string_view bv(body);
    return layout_number(f, negative, "", bv.substr(0, ndig), bv.substr(ndig), body.size() - ndig, 3);
}

} // namespace

FormatSpec parse_format_spec(std::string_view spec, char default_type)
{
    return parse(spec, default_type, default_type == 's' ? '<' : '>', "object").spec;
}

FormatSpec parse_format_spec(std::string_view spec, char default_type, std::string_view type_name)
{
    return parse(spec, default_type, default_type == 's' ? '<' : '>', type_name).spec;
}

std::string format_int(const BigInt& value, std::string_view spec, std::string_view type_name)
{
    if (spec.empty()) return value.to_string(10);
    ParsedSpec p = parse(spec, 'd', '>', type_name);
    const FormatSpec& f = p.spec;
    switch (p.type) {
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n': break;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
        return format_float_parsed(value.to_double(), f, p.type, type_name);
    default: unknown_code(p.type, type_name);
    }
    if (f.precision != -1) value_error("Precision not allowed in integer format specifier");
    if (f.no_neg_zero) value_error("Negative zero coercion (z) not allowed in integer format specifier");
    if (p.type == 'c') {
        if (f.sign) value_error("Sign not allowed with integer format specifier 'c'");
        if (f.alternate) value_error("Alternate form (#) not allowed with integer format specifier 'c'");
        if (!value.fits_int64()) throw PyError("OverflowError", "Python int too large to convert to C long");
        const std::int64_t x = value.to_int64();
        if (x < 0 || x > 0x10ffff) throw PyError("OverflowError", "%c arg not in range(0x110000)");
        std::string ch = utf8_encode(static_cast<char32_t>(x));
        return layout_number(f, false, "", "", ch, 1, 3);
    }
    int base = 10;
    std::string prefix;
    switch (p.type) {
    case 'b': base = 2; prefix = "0b"; break;
    case 'o': base = 8; prefix = "0o"; break;
    case 'x': base = 16; prefix = "0x"; break;
    case 'X': base = 16; prefix = "0X"; break;
    default: break;
    }
    if (!f.alternate) prefix.clear();
    std::string digits = value.abs().to_string(base);
    if (p.type == 'X') {
        for (char& c : digits) {
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
        }
    }
    const int group = (base == 10) ? 3 : 4;
    return layout_number(f, value.is_negative(), prefix, digits, "", 0, group);
}

std::string format_float(double value, std::string_view spec)
{
    if (spec.empty()) return float_repr(value);
    ParsedSpec p = parse(spec, 0, '>', "float");
    return format_float_parsed(value, p.spec, p.type, "float");
}

std::string format_str(std::string_view utf8, std::string_view spec)
{
    if (spec.empty()) return std::string(utf8);
    ParsedSpec p = parse(spec, 's', '<', "str");
    const FormatSpec& f = p.spec;
    if (p.type != 's') unknown_code(p.type, "str");
    if (f.sign == ' ') value_error("Space not allowed in string format specifier");
    if (f.sign) value_error("Sign not allowed in string format specifier");
    if (f.no_neg_zero) value_error("Negative zero coercion (z) not allowed in string format specifier");
    if (f.alternate) value_error("Alternate form (#) not allowed in string format specifier");
    if (f.align == '=') value_error("'=' alignment not allowed in string format specifier");
    std::string_view text = utf8;
    std::size_t len = utf8_length(text);
    if (f.precision >= 0 && static_cast<std::size_t>(f.precision) < len) {
        text = text.substr(0, utf8_offset(text, static_cast<std::size_t>(f.precision)));
        len = static_cast<std::size_t>(f.precision);
    }
    const std::int64_t total = std::max<std::int64_t>(f.width, static_cast<std::int64_t>(len));
    const std::int64_t pad = total - static_cast<std::int64_t>(len);
    std::int64_t lpad = 0;
    if (f.align == '>') lpad = pad;
    else if (f.align == '^') lpad = pad / 2;
    std::string out = repeat_fill(f.fill, lpad);
    out += text;
    out += repeat_fill(f.fill, pad - lpad);
    return out;
}

} // namespace script::support
