#include "script/syntax/literal.hpp"

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <vector>

namespace script::syntax {

void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string int_literal_to_decimal(std::string_view text) {
    int base = 10;
    if (text.size() > 1 && text[0] == '0') {
        char b = static_cast<char>(text[1] | 0x20);
        if (b == 'x') base = 16;
        else if (b == 'o') base = 8;
        else if (b == 'b') base = 2;
        if (base != 10) text.remove_prefix(2);
    }
    if (base == 10) {
        std::string digits;
        for (char c : text)
            if (c != '_') digits += c;
        std::size_t nz = digits.find_first_not_of('0');
        return nz == std::string::npos ? "0" : digits.substr(nz);
    }
    // Little-endian limbs of 10^9, multiplied by the base for each digit.
    std::vector<std::uint32_t> limbs{0};
    for (char c : text) {
        if (c == '_') continue;
        unsigned d = c <= '9' ? static_cast<unsigned>(c - '0') : static_cast<unsigned>((c | 0x20) - 'a' + 10);
        std::uint64_t carry = d;
        for (auto& limb : limbs) {
            std::uint64_t v = static_cast<std::uint64_t>(limb) * static_cast<unsigned>(base) + carry;
            limb = static_cast<std::uint32_t>(v % 1000000000u);
            carry = v / 1000000000u;
        }
        if (carry) limbs.push_back(static_cast<std::uint32_t>(carry));
    }
    std::string out = std::to_string(limbs.back());
    for (std::size_t i = limbs.size() - 1; i-- > 0;) {
        std::string part = std::to_string(limbs[i]);
        out += std::string(9 - part.size(), '0') + part;
    }
    return out;
}

double float_literal_value(std::string_view text) {
    std::string clean;
    for (char c : text)
        if (c != '_' && c != 'j' && c != 'J') clean += c;
    // strtod rather than from_chars: it gives inf for 1e400 as Python does.
    return std::strtod(clean.c_str(), nullptr);
}

StringPrefix string_prefix(std::string_view t) {
    StringPrefix p;
    std::size_t i = 0;
    for (; i < t.size() && t[i] != '\'' && t[i] != '"'; ++i) {
        switch (t[i] | 0x20) {
        case 'b': p.bytes = true; break;
        case 'r': p.raw = true; break;
        case 'f': p.fstring = true; break;
        case 'u': p.u = true; break;
        default: break;
        }
    }
    p.prefix_len = i;
    p.quote_len = t.size() >= i + 6 && t[i + 1] == t[i] && t[i + 2] == t[i] ? 3 : 1;
    return p;
}

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

bool decode_str_escapes(std::string_view s, std::string& out, std::string& error) {
    out.clear();
    out.reserve(s.size());
    // CPython turns each non-ASCII character into a 10-byte \U escape before decoding,
    // so error positions count those as 10.
    long pos = 0;
    std::size_t i = 0;
    auto advance_plain = [&](std::size_t n) {
        for (std::size_t k = 0; k < n; ++k) {
            unsigned char c = static_cast<unsigned char>(s[i + k]);
            if (c < 0x80) ++pos;
            else if ((c & 0xC0) != 0x80) pos += 10;
        }
    };
    while (i < s.size()) {
        char c = s[i];
        if (c != '\\') {
            out += c;
            advance_plain(1);
            ++i;
            continue;
        }
        const long start = pos;
        if (i + 1 >= s.size()) { out += '\\'; ++i; ++pos; continue; }
        char e = s[i + 1];
        i += 2;
        pos += 2;
        switch (e) {
        case '\n': break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            unsigned v = static_cast<unsigned>(e - '0');
            for (int k = 0; k < 2 && i < s.size() && s[i] >= '0' && s[i] <= '7'; ++k, ++i, ++pos)
                v = v * 8 + static_cast<unsigned>(s[i] - '0');
            append_utf8(out, v);
            break;
        }
        case 'x': case 'u': case 'U': {
            int count = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            const char* message = e == 'x' ? "truncated \\xXX escape" : e == 'u' ? "truncated \\uXXXX escape"
                                                                             : "truncated \\UXXXXXXXX escape";
            unsigned v = 0;
            bool ok = true;
            for (; count; --count) {
                int h = i < s.size() ? hex_value(s[i]) : -1;
                if (h < 0) { ok = false; break; }
                v = v * 16 + static_cast<unsigned>(h);
                ++i;
                ++pos;
            }
            if (ok && v > 0x10FFFF) { ok = false; message = "illegal Unicode character"; }
            if (!ok) {
                error = "(unicode error) 'unicodeescape' codec can't decode bytes in position " +
                        std::to_string(start) + "-" + std::to_string(pos - 1) + ": " + message;
                return false;
            }
            append_utf8(out, v);
            break;
        }
        case 'N':
            error = "(unicode error) \\N{...} escapes are not supported";
            return false;
        default:
            // Unknown escapes stay as they are (CPython only warns).
            out += '\\';
            i -= 1;
            pos -= 1;
            break;
        }
    }
    return true;
}

bool decode_bytes_escapes(std::string_view s, std::string& out, std::string& error) {
    out.clear();
    std::size_t i = 0;
    while (i < s.size()) {
        char c = s[i];
        if (c != '\\' || i + 1 >= s.size()) { out += c; ++i; continue; }
        const std::size_t start = i;
        char e = s[i + 1];
        i += 2;
        switch (e) {
        case '\n': break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            unsigned v = static_cast<unsigned>(e - '0');
            for (int k = 0; k < 2 && i < s.size() && s[i] >= '0' && s[i] <= '7'; ++k, ++i)
                v = v * 8 + static_cast<unsigned>(s[i] - '0');
            out += static_cast<char>(v & 0xFF);
            break;
        }
        case 'x': {
            int h1 = i < s.size() ? hex_value(s[i]) : -1;
            int h2 = i + 1 < s.size() ? hex_value(s[i + 1]) : -1;
            if (h1 < 0 || h2 < 0) {
                error = "(value error) invalid \\x escape at position " + std::to_string(start);
                return false;
            }
            out += static_cast<char>(h1 * 16 + h2);
            i += 2;
            break;
        }
        default:
            out += '\\';
            i -= 1;
            break;
        }
    }
    return true;
}

}  // namespace script::syntax
