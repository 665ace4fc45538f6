#include <script/support/string_repr.hpp>

#include <script/support/unicode_tables.hpp>

#include <cstdio>

namespace script::support {

namespace {

void append_hex_escape(std::string& out, char32_t c)
{
    char buf[16];
    int n = c <= 0xff     ? std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c))
            : c <= 0xffff ? std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c))
                          : std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
    out.append(buf, static_cast<std::size_t>(n));
}

std::string quote(std::string_view utf8, bool ascii_only)
{
    const bool has_single = utf8.find('\'') != std::string_view::npos;
    const bool has_double = utf8.find('"') != std::string_view::npos;
    const char q = has_single && !has_double ? '"' : '\'';
    std::string out(1, q);
    for (std::size_t pos = 0; pos < utf8.size();) {
        const std::size_t start = pos;
        char32_t c = utf8_decode(utf8, pos);
        if (c == static_cast<char32_t>(q) || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < ' ' || c == 0x7f) {
            append_hex_escape(out, c);
        } else if (c < 0x7f) {
            out.push_back(static_cast<char>(c));
        } else if (!ascii_only && unicode_is_printable(c)) {
            out.append(utf8.substr(start, pos - start));
        } else {
            append_hex_escape(out, c);
        }
    }
    out.push_back(q);
    return out;
}

} // namespace

std::string python_str_repr(std::string_view utf8)
{
    return quote(utf8, false);
}

std::string python_str_ascii(std::string_view utf8)
{
    return quote(utf8, true);
}

std::size_t utf8_length(std::string_view utf8) noexcept
{
    std::size_t n = 0;
    for (unsigned char c : utf8) {
        if ((c & 0xc0) != 0x80) ++n;
    }
    return n;
}

std::size_t utf8_offset(std::string_view utf8, std::size_t index) noexcept
{
    std::size_t pos = 0;
    for (std::size_t i = 0; i < index && pos < utf8.size(); ++i) utf8_decode(utf8, pos);
    return pos;
}

std::string utf8_encode(char32_t c)
{
    std::string out;
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xc0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xe0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    } else {
        out.push_back(static_cast<char>(0xf0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    }
    return out;
}

char32_t utf8_decode(std::string_view s, std::size_t& pos) noexcept
{
    const auto b0 = static_cast<unsigned char>(s[pos]);
    int extra = b0 >= 0xf0 ? 3 : b0 >= 0xe0 ? 2 : b0 >= 0xc0 ? 1 : 0;
    if (extra == 0 || pos + static_cast<std::size_t>(extra) >= s.size()) {
        ++pos;
        return b0;
    }
    char32_t c = b0 & (0x3f >> extra);
    for (int i = 1; i <= extra; ++i) {
        auto b = static_cast<unsigned char>(s[pos + static_cast<std::size_t>(i)]);
        if ((b & 0xc0) != 0x80) {
            ++pos;
            return b0;
        }
        c = (c << 6) | (b & 0x3f);
    }
    pos += static_cast<std::size_t>(extra) + 1;
    return c;
}

} // namespace script::support
