#include "script/syntax/unicode_tables.hpp"

#include <algorithm>

namespace script::syntax {

namespace {
bool in_ranges(const CodePointRange* table, std::size_t size, std::uint32_t cp) {
    const CodePointRange* end = table + size;
    const CodePointRange* it = std::upper_bound(table, end, cp,
        [](std::uint32_t c, const CodePointRange& r) { return c < r.first; });
    return it != table && cp <= (it - 1)->last;
}
}  // namespace

bool is_identifier_start(std::uint32_t cp) { return in_ranges(k_identifier_start, k_identifier_start_size, cp); }
bool is_identifier_continue(std::uint32_t cp) { return in_ranges(k_identifier_continue, k_identifier_continue_size, cp); }
bool is_printable(std::uint32_t cp) {
    if (cp < 0x80) return cp >= 0x20 && cp < 0x7F;
    return in_ranges(k_printable, k_printable_size, cp);
}

std::string normalize_identifier(std::string_view s) {
    bool ascii = true;
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) { ascii = false; break; }
    if (ascii) return std::string(s);
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (i + len > s.size()) len = s.size() - i;
        std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
        for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
        const NfkcMapping* end = k_nfkc + k_nfkc_size;
        const NfkcMapping* it = std::lower_bound(k_nfkc, end, cp,
            [](const NfkcMapping& m, std::uint32_t v) { return m.code_point < v; });
        if (it != end && it->code_point == cp) out += it->utf8;
        else out.append(s.substr(i, len));
        i += len;
    }
    return out;
}

}  // namespace script::syntax
