// The methods of str. Case mapping and character classes follow ASCII (and the support
// tables for whitespace and digits); other code points pass through unchanged.
#include <script/runtime/interpreter.hpp>

#include <script/runtime/ops.hpp>
#include <script/runtime/vm.hpp>
#include <script/support/string_repr.hpp>
#include <script/support/unicode_tables.hpp>

#include <algorithm>

namespace script {

namespace {

const std::string& S(Interpreter& in, Args& a, const char* method)
{
    if (a.size() == 0 || !ops::is_str(a[0])) in.raise(Exc::TypeError, std::string("descriptor '") + method + "' requires a 'str' object");
    return a[0].as<Str>()->s;
}

std::string arg_str(Interpreter& in, const Value& v, const char* what)
{
    if (!ops::is_str(v)) in.raise(Exc::TypeError, std::string(what) + " arg must be None or str");
    return ops::str_of(v);
}

std::vector<std::string> split_cps(const std::string& s)
{
    std::vector<std::string> out;
    for (std::size_t p = 0; p < s.size();) {
        std::size_t start = p;
        support::utf8_decode(s, p);
        out.push_back(s.substr(start, p - start));
    }
    return out;
}

bool is_space_cp(char32_t c) { return support::unicode_is_space(c); }

// Simple case mapping for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic (the
// scripts teaching material uses); other code points are left as they are.
char32_t to_upper_cp(char32_t c)
{
    if (c >= 'a' && c <= 'z') return c - 32;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
    if (c == 0xFF) return 0x178;
    if (c == 0xB5) return 0x39C;
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return (c & 1) ? c - 1 : c;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c : c - 1;
    if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) return c - 32;
    if (c == 0x3C2) return 0x3A3;
    if (c >= 0x430 && c <= 0x44F) return c - 32;
    if (c >= 0x450 && c <= 0x45F) return c - 80;
    return c;
}

char32_t to_lower_cp(char32_t c)
{
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c == 0x178) return 0xFF;
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return (c & 1) ? c : c + 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c + 1 : c;
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    return c;
}

bool is_upper_cp(char32_t c) { return to_lower_cp(c) != c; }
bool is_lower_cp(char32_t c) { return to_upper_cp(c) != c || c == 0xDF; }

std::string map_case(const std::string& s, int mode)  // 0 upper, 1 lower, 2 swap
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t p = 0; p < s.size();) {
        char32_t c = support::utf8_decode(s, p);
        if (c < 0x80) {
            char ch = static_cast<char>(c);
            if (mode == 0 || (mode == 2 && ch >= 'a' && ch <= 'z')) ch = static_cast<char>(to_upper_cp(c));
            else if (mode == 1 || mode == 2) ch = static_cast<char>(to_lower_cp(c));
            out += ch;
            continue;
        }
        if (c == 0xDF && mode != 1) {
            out += "SS";
            continue;
        }
        char32_t m = mode == 0 ? to_upper_cp(c) : mode == 1 ? to_lower_cp(c) : (is_upper_cp(c) ? to_lower_cp(c) : to_upper_cp(c));
        out += support::utf8_encode(m);
    }
    return out;
}


// Whitespace split as str.split() with no separator.
std::vector<std::string> split_ws(const std::string& s, std::int64_t maxsplit)
{
    std::vector<std::string> out;
    std::size_t p = 0;
    auto skip = [&] {
        while (p < s.size()) {
            std::size_t q = p;
            char32_t c = support::utf8_decode(s, q);
            if (!is_space_cp(c)) break;
            p = q;
        }
    };
    skip();
    while (p < s.size()) {
        if (maxsplit >= 0 && static_cast<std::int64_t>(out.size()) >= maxsplit) {
            out.push_back(s.substr(p));  // the rest as it is, trailing whitespace included
            return out;
        }
        std::size_t start = p;
        while (p < s.size()) {
            std::size_t q = p;
            char32_t c = support::utf8_decode(s, q);
            if (is_space_cp(c)) break;
            p = q;
        }
        out.push_back(s.substr(start, p - start));
        skip();
    }
    return out;
}

Value str_list(Interpreter& in, const std::vector<std::string>& parts)
{
    std::vector<Value> items;
    items.reserve(parts.size());
    for (auto& p : parts) items.push_back(in.str(p));
    return in.list(std::move(items));
}

Value m_split(Interpreter& in, Args& a)
{
    const std::string& s = S(in, a, "split");
    Value sepv = a.size() > 1 ? a[1] : a.kw("sep");
    Value maxv = a.size() > 2 ? a[2] : a.kw("maxsplit");
    std::int64_t maxsplit = maxv ? ops::to_index(in, maxv) : -1;
    if (!sepv || sepv.is_none()) return str_list(in, split_ws(s, maxsplit));
    std::string sep = arg_str(in, sepv, "sep");
    if (sep.empty()) in.raise(Exc::ValueError, "empty separator");
    std::vector<std::string> out;
    std::size_t p = 0;
    while (maxsplit < 0 || static_cast<std::int64_t>(out.size()) < maxsplit) {
        std::size_t q = s.find(sep, p);
        if (q == std::string::npos) break;
        out.push_back(s.substr(p, q - p));
        p = q + sep.size();
    }
    out.push_back(s.substr(p));
    return str_list(in, out);
}

Value m_rsplit(Interpreter& in, Args& a)
{
    const std::string& s = S(in, a, "rsplit");
    Value sepv = a.size() > 1 ? a[1] : a.kw("sep");
    Value maxv = a.size() > 2 ? a[2] : a.kw("maxsplit");
    std::int64_t maxsplit = maxv ? ops::to_index(in, maxv) : -1;
    if (!sepv || sepv.is_none()) {
        if (maxsplit < 0) return str_list(in, split_ws(s, -1));
        // split from the right on whitespace
        std::vector<std::string> out;
        std::size_t end = s.size();
        while (true) {
            while (end > 0 && is_space_cp(static_cast<unsigned char>(s[end - 1]))) --end;
            if (end == 0) break;
            if (static_cast<std::int64_t>(out.size()) >= maxsplit) {
                out.push_back(s.substr(0, end));
                break;
            }
            std::size_t start = end;
            while (start > 0 && !is_space_cp(static_cast<unsigned char>(s[start - 1]))) --start;
            out.push_back(s.substr(start, end - start));
            end = start;
        }
        std::reverse(out.begin(), out.end());
        return str_list(in, out);
    }
    std::string sep = arg_str(in, sepv, "sep");
    if (sep.empty()) in.raise(Exc::ValueError, "empty separator");
    std::vector<std::string> out;
    std::size_t end = s.size();
    while (maxsplit < 0 || static_cast<std::int64_t>(out.size()) < maxsplit) {
        if (end < sep.size()) break;
        std::size_t q = s.rfind(sep, end - sep.size());
        if (q == std::string::npos) break;
        out.push_back(s.substr(q + sep.size(), end - q - sep.size()));
        end = q;
    }
    out.push_back(s.substr(0, end));
    std::reverse(out.begin(), out.end());
    return str_list(in, out);
}

Value m_splitlines(Interpreter& in, Args& a)
{
    const std::string& s = S(in, a, "splitlines");
    Value kv = a.size() > 1 ? a[1] : a.kw("keepends");
    bool keep = kv && ops::truthy(in, kv);
    std::vector<std::string> out;
    std::size_t p = 0, start = 0;
    while (p < s.size()) {
        std::size_t eol = p;
        const char32_t c = support::utf8_decode(s, eol);
        // str.splitlines' line boundaries: \n \r \r\n \v \f \x1c-\x1e \x85 \u2028 \u2029
        const bool boundary = c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || (c >= 0x1c && c <= 0x1e) || c == 0x85 ||
                              c == 0x2028 || c == 0x2029;
        if (boundary) {
            if (c == '\r' && eol < s.size() && s[eol] == '\n') ++eol;
            out.push_back(s.substr(start, (keep ? eol : p) - start));
            p = start = eol;
        } else {
            p = eol;
        }
    }
    if (start < s.size()) out.push_back(s.substr(start));
    return str_list(in, out);
}

Value m_join(Interpreter& in, Args& a)
{
    const std::string& s = S(in, a, "join");
    if (a.size() != 2) in.raise(Exc::TypeError, "str.join() takes exactly one argument (" + std::to_string(a.size() - 1) + " given)");
    auto items = ops::to_vector(in, a[1]);
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!ops::is_str(items[i]))
            in.raise(Exc::TypeError, "sequence item " + std::to_string(i) + ": expected str instance, " + ops::type_name(in, items[i]) + " found");
        if (i) out += s;
        out += ops::str_of(items[i]);
    }
    return in.str(std::move(out));
}

std::string strip_impl(Interpreter& in, Args& a, const char* name, bool left, bool right)
{
    const std::string& s = S(in, a, name);
    auto cps = split_cps(s);
    std::vector<std::string> chars;
    bool ws = a.size() < 2 || a[1].is_none();
    if (!ws) {
        if (!ops::is_str(a[1])) in.raise(Exc::TypeError, std::string(name) + " arg must be None or str");
        chars = split_cps(ops::str_of(a[1]));
    }
    auto strip_it = [&](const std::string& c) {
        if (ws) {
            std::size_t p = 0;
            return is_space_cp(support::utf8_decode(c, p));
        }
        return std::find(chars.begin(), chars.end(), c) != chars.end();
    };
    std::size_t b = 0, e = cps.size();
    if (left)
        while (b < e && strip_it(cps[b])) ++b;
    if (right)
        while (e > b && strip_it(cps[e - 1])) --e;
    std::string out;
    for (std::size_t i = b; i < e; ++i) out += cps[i];
    return out;
}

Value m_strip(Interpreter& in, Args& a) { return in.str(strip_impl(in, a, "strip", true, true)); }
Value m_lstrip(Interpreter& in, Args& a) { return in.str(strip_impl(in, a, "lstrip", true, false)); }
Value m_rstrip(Interpreter& in, Args& a) { return in.str(strip_impl(in, a, "rstrip", false, true)); }

Value m_upper(Interpreter& in, Args& a) { return in.str(map_case(S(in, a, "upper"), 0)); }

Value m_lower(Interpreter& in, Args& a) { return in.str(map_case(S(in, a, "lower"), 1)); }

Value m_swapcase(Interpreter& in, Args& a) { return in.str(map_case(S(in, a, "swapcase"), 2)); }

bool is_alpha_byte(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

Value m_capitalize(Interpreter& in, Args& a)
{
    std::string s = S(in, a, "capitalize");
    for (std::size_t i = 0; i < s.size(); ++i) {
        char& c = s[i];
        if (i == 0 && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
        else if (i > 0 && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return in.str(std::move(s));
}

Value m_title(Interpreter& in, Args& a)
{
    std::string s = S(in, a, "title");
    bool prev_cased = false;
    for (auto& c : s) {
        if (is_alpha_byte(c)) {
            if (prev_cased) {
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
            } else if (c >= 'a' && c <= 'z') {
                c = static_cast<char>(c - 32);
            }
            prev_cased = true;
        } else {
            prev_cased = static_cast<unsigned char>(c) >= 0x80 && prev_cased;
        }
    }
    return in.str(std::move(s));
}

// Resolves optional start/end arguments (code point indices) to byte offsets.
void range_args(Interpreter& in, Args& a, std::size_t first, const std::string& s, std::size_t& b, std::size_t& e)
{
    auto n = static_cast<std::int64_t>(support::utf8_length(s));
    std::int64_t start = 0, end = n;
    if (a.size() > first && !a[first].is_none()) start = ops::to_index(in, a[first]);
    if (a.size() > first + 1 && !a[first + 1].is_none()) end = ops::to_index(in, a[first + 1]);
    if (start < 0) start = std::max<std::int64_t>(0, start + n);
    if (end < 0) end = std::max<std::int64_t>(0, end + n);
    start = std::min(start, n + 1);
    end = std::min(end, n);
    b = start > n ? s.size() + 1 : support::utf8_offset(s, static_cast<std::size_t>(start));
    e = support::utf8_offset(s, static_cast<std::size_t>(end));
}

std::int64_t cp_index(const std::string& s, std::size_t byte) { return static_cast<std::int64_t>(support::utf8_length(std::string_view(s).substr(0, byte))); }

std::int64_t find_impl(Interpreter& in, Args& a, const char* name, bool reverse)
{
    const std::string& s = S(in, a, name);
    if (a.size() < 2) in.raise(Exc::TypeError, std::string(name) + "() takes at least 1 argument (0 given)");
    if (!ops::is_str(a[1])) in.raise(Exc::TypeError, "must be str, not " + ops::type_name(in, a[1]));
    const std::string& sub = ops::str_of(a[1]);
    std::size_t b, e;
    range_args(in, a, 2, s, b, e);
    if (b > e || b > s.size()) return -1;
    std::string_view window = std::string_view(s).substr(b, e - b);
    std::size_t r = reverse ? window.rfind(sub) : window.find(sub);
    if (r == std::string::npos) return -1;
    return cp_index(s, b + r);
}

Value m_find(Interpreter& in, Args& a) { return Value::integer(find_impl(in, a, "find", false)); }
Value m_rfind(Interpreter& in, Args& a) { return Value::integer(find_impl(in, a, "rfind", true)); }
Value m_index(Interpreter& in, Args& a)
{
    auto r = find_impl(in, a, "index", false);
    if (r < 0) in.raise(Exc::ValueError, "substring not found");
    return Value::integer(r);
}
Value m_rindex(Interpreter& in, Args& a)
{
    auto r = find_impl(in, a, "rindex", true);
    if (r < 0) in.raise(Exc::ValueError, "substring not found");
    return Value::integer(r);
}

Value m_count(Interpreter& in, Args& a)
{
    const std::string& s = S(in, a, "count");
    if (a.size() < 2 || !ops::is_str(a[1])) in.raise(Exc::TypeError, "must be str, not " + (a.size() < 2 ? std::string("nothing") : ops::type_name(in, a[1])));
    const std::string& sub = ops::str_of(a[1]);
    std::size_t b, e;
    range_args(in, a, 2, s, b, e);
    if (b > e || b > s.size()) return Value::integer(0);
    std::string_view w = std::string_view(s).substr(b, e - b);
    if (sub.empty()) return Value::integer(static_cast<std::int64_t>(support::utf8_length(w)) + 1);
    std::int64_t n = 0;
    for (std::size_t p = w.find(sub); p != std::string::npos; p = w.find(sub, p + sub.size())) ++n;
    return Value::integer(n);
}

Value m_replace(Interpreter& in, Args& a)
{
    const std::string& s = S(in, a, "replace");
    if (a.size() < 3) in.raise(Exc::TypeError, "replace expected at least 2 arguments, got " + std::to_string(a.size() - 1));
    if (!ops::is_str(a[1])) in.raise(Exc::TypeError, "replace() argument 1 must be str, not " + ops::type_name(in, a[1]));
    if (!ops::is_str(a[2])) in.raise(Exc::TypeError, "replace() argument 2 must be str, not " + ops::type_name(in, a[2]));
    const std::string& old = ops::str_of(a[1]);
    const std::string& rep = ops::str_of(a[2]);
    std::int64_t count = a.size() > 3 ? ops::to_index(in, a[3]) : -1;
    std::string out;
    if (old.empty()) {
        auto cps = split_cps(s);
        std::int64_t done = 0;
        for (std::size_t i = 0; i <= cps.size(); ++i) {
            if (count < 0 || done < count) {
                out += rep;
                ++done;
            }
            if (i < cps.size()) out += cps[i];
        }
        return in.str(std::move(out));
    }
    std::size_t p = 0;
    std::int64_t done = 0;
    while (count < 0 || done < count) {
        std::size_t q = s.find(old, p);
        if (q == std::string::npos) break;
        out.append(s, p, q - p);
        out += rep;
        p = q + old.size();
        ++done;
    }
    out.append(s, p, std::string::npos);
    return in.str(std::move(out));
}

bool affix_impl(Interpreter& in, Args& a, const char* name, bool prefix)
{
    const std::string& s = S(in, a, name);
    if (a.size() < 2) in.raise(Exc::TypeError, std::string(name) + "() takes at least 1 argument (0 given)");
    std::size_t b, e;
    range_args(in, a, 2, s, b, e);
    if (b > s.size()) return false;
    std::string_view w = b <= e ? std::string_view(s).substr(b, e - b) : std::string_view();
    auto test = [&](const Value& v) {
        if (!ops::is_str(v))
            in.raise(Exc::TypeError, std::string(name) + " first arg must be str or a tuple of str, not " + ops::type_name(in, v));
        const std::string& x = ops::str_of(v);
        if (b > e) return x.empty() && false;
        if (x.size() > w.size()) return false;
        return prefix ? w.substr(0, x.size()) == x : w.substr(w.size() - x.size()) == x;
    };
    if (a[1].is_obj() && a[1].obj()->type == in.t_tuple) {
        for (auto& x : a[1].as<Tuple>()->items)
            if (test(x)) return true;
        return false;
    }
    return test(a[1]);
}

Value m_startswith(Interpreter& in, Args& a) { return Value::boolean(affix_impl(in, a, "startswith", true)); }
Value m_endswith(Interpreter& in, Args& a) { return Value::boolean(affix_impl(in, a, "endswith", false)); }

template <class Pred>
Value classify(Interpreter& in, Args& a, const char* name, Pred pred, bool empty_value = false)
{
    const std::string& s = S(in, a, name);
    if (s.empty()) return Value::boolean(empty_value);
    for (std::size_t p = 0; p < s.size();) {
        char32_t c = support::utf8_decode(s, p);
        if (!pred(c)) return Value::boolean(false);
    }
    return Value::boolean(true);
}

bool cp_alpha(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c != 0xD7 && c != 0xF7 && support::unicode_decimal_value(c) < 0 && !support::unicode_is_space(c)); }
bool cp_digit(char32_t c) { return support::unicode_decimal_value(c) >= 0 || c == 0xB2 || c == 0xB3 || c == 0xB9; }

Value m_isdigit(Interpreter& in, Args& a) { return classify(in, a, "isdigit", cp_digit); }
Value m_isdecimal(Interpreter& in, Args& a) { return classify(in, a, "isdecimal", [](char32_t c) { return support::unicode_decimal_value(c) >= 0; }); }
Value m_isnumeric(Interpreter& in, Args& a) { return classify(in, a, "isnumeric", cp_digit); }
Value m_isalpha(Interpreter& in, Args& a) { return classify(in, a, "isalpha", cp_alpha); }
Value m_isalnum(Interpreter& in, Args& a) { return classify(in, a, "isalnum", [](char32_t c) { return cp_alpha(c) || cp_digit(c); }); }
Value m_isspace(Interpreter& in, Args& a) { return classify(in, a, "isspace", support::unicode_is_space); }
Value m_isprintable(Interpreter& in, Args& a) { return classify(in, a, "isprintable", support::unicode_is_printable, true); }
Value m_isascii(Interpreter& in, Args& a) { return classify(in, a, "isascii", [](char32_t c) { return c < 0x80; }, true); }

Value m_isupper(Interpreter& in, Args& a)
{
    const std::string& s = S(in, a, "isupper");
    bool cased = false;
    for (std::size_t p = 0; p < s.size();) {
        char32_t c = support::utf8_decode(s, p);
        if (is_lower_cp(c)) return Value::boolean(false);
        if (is_upper_cp(c)) cased = true;
    }
    return Value::boolean(cased);
}

Value m_islower(Interpreter& in, Args& a)
{
    const std::string& s = S(in, a, "islower");
    bool cased = false;
    for (std::size_t p = 0; p < s.size();) {
        char32_t c = support::utf8_decode(s, p);
        if (is_upper_cp(c)) return Value::boolean(false);
        if (is_lower_cp(c)) cased = true;
    }
    return Value::boolean(cased);
}

Value m_istitle(Interpreter& in, Args& a)
{
    const std::string& s = S(in, a, "istitle");
    bool cased = false, prev = false;
    for (char c : s) {
        bool up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z';
        if (up) {
            if (prev) return Value::boolean(false);
            prev = cased = true;
        } else if (low) {
            if (!prev) return Value::boolean(false);
            prev = cased = true;
        } else {
            prev = false;
        }
    }
    return Value::boolean(cased);
}

Value m_isidentifier(Interpreter& in, Args& a)
{
    const std::string& s = S(in, a, "isidentifier");
    if (s.empty()) return Value::boolean(false);
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        bool ok = c == '_' || is_alpha_byte(static_cast<char>(c)) || c >= 0x80 || (i > 0 && c >= '0' && c <= '9');
        if (!ok) return Value::boolean(false);
    }
    return Value::boolean(true);
}

std::string fill_char(Interpreter& in, Args& a, std::size_t idx, const char* name)
{
    if (a.size() <= idx) return " ";
    if (!ops::is_str(a[idx]) || ops::str_length(a[idx].as<Str>()) != 1)
        in.raise(Exc::TypeError, std::string("The fill character must be exactly one character long"));
    (void)name;
    return ops::str_of(a[idx]);
}

Value pad_impl(Interpreter& in, Args& a, const char* name, int mode)
{
    const std::string& s = S(in, a, name);
    if (a.size() < 2) in.raise(Exc::TypeError, std::string(name) + " expected at least 1 argument, got 0");
    std::int64_t width = ops::to_index(in, a[1]);
    std::string fill = fill_char(in, a, 2, name);
    auto n = static_cast<std::int64_t>(support::utf8_length(s));
    if (width <= n) return a[0];
    ops::check_str_size(in, static_cast<std::uint64_t>(width - n), fill.size());
    std::int64_t total = width - n, left = 0;
    if (mode == 0) left = 0;
    else if (mode == 1) left = total;
    else left = total / 2 + (total & width & 1);
    std::string out;
    for (std::int64_t i = 0; i < left; ++i) out += fill;
    out += s;
    for (std::int64_t i = 0; i < total - left; ++i) out += fill;
    return in.str(std::move(out));
}

Value m_ljust(Interpreter& in, Args& a) { return pad_impl(in, a, "ljust", 0); }
Value m_rjust(Interpreter& in, Args& a) { return pad_impl(in, a, "rjust", 1); }
Value m_center(Interpreter& in, Args& a) { return pad_impl(in, a, "center", 2); }

Value m_zfill(Interpreter& in, Args& a)
{
    const std::string& s = S(in, a, "zfill");
    if (a.size() != 2) in.raise(Exc::TypeError, "zfill() takes exactly one argument");
    std::int64_t width = ops::to_index(in, a[1]);
    auto n = static_cast<std::int64_t>(support::utf8_length(s));
    if (width <= n) return a[0];
    ops::check_str_size(in, static_cast<std::uint64_t>(width - n), 1);
    std::string zeros(static_cast<std::size_t>(width - n), '0');
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) return in.str(s.substr(0, 1) + zeros + s.substr(1));
    return in.str(zeros + s);
}

Value partition_impl(Interpreter& in, Args& a, bool reverse)
{
    const std::string& s = S(in, a, reverse ? "rpartition" : "partition");
    if (a.size() != 2 || !ops::is_str(a[1])) in.raise(Exc::TypeError, "must be str");
    const std::string& sep = ops::str_of(a[1]);
    if (sep.empty()) in.raise(Exc::ValueError, "empty separator");
    std::size_t p = reverse ? s.rfind(sep) : s.find(sep);
    if (p == std::string::npos) {
        if (reverse) return in.tuple({in.str(""), in.str(""), a[0]});
        return in.tuple({a[0], in.str(""), in.str("")});
    }
    return in.tuple({in.str(s.substr(0, p)), a[1], in.str(s.substr(p + sep.size()))});
}

Value m_partition(Interpreter& in, Args& a) { return partition_impl(in, a, false); }
Value m_rpartition(Interpreter& in, Args& a) { return partition_impl(in, a, true); }

Value m_removeprefix(Interpreter& in, Args& a)
{
    const std::string& s = S(in, a, "removeprefix");
    const std::string& p = arg_str(in, a[1], "removeprefix");
    if (s.compare(0, p.size(), p) == 0) return in.str(s.substr(p.size()));
    return a[0];
}

Value m_removesuffix(Interpreter& in, Args& a)
{
    const std::string& s = S(in, a, "removesuffix");
    const std::string& p = arg_str(in, a[1], "removesuffix");
    if (!p.empty() && s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0)
        return in.str(s.substr(0, s.size() - p.size()));
    return a[0];
}

Value m_expandtabs(Interpreter& in, Args& a)
{
    const std::string& s = S(in, a, "expandtabs");
    std::int64_t tab = a.size() > 1 ? ops::to_index(in, a[1]) : 8;
    std::string out;
    std::int64_t col = 0;
    for (std::size_t p = 0; p < s.size();) {
        std::size_t start = p;
        char32_t c = support::utf8_decode(s, p);
        if (c == '\t') {
            if (tab > 0) {
                std::int64_t n = tab - col % tab;
                out.append(static_cast<std::size_t>(n), ' ');
                col += n;
            }
        } else if (c == '\n' || c == '\r') {
            out += static_cast<char>(c);
            col = 0;
        } else {
            out += s.substr(start, p - start);
            ++col;
        }
    }
    return in.str(std::move(out));
}

Value m_format(Interpreter& in, Args& a)
{
    const std::string& s = S(in, a, "format");
    return in.str(ops::str_format(in, s, std::span<const Value>(a.pos + 1, a.n - 1), std::span<const Value>(a.kwnames, a.nkw),
                                  std::span<const Value>(a.kwvals, a.nkw)));
}

Value m_format_map(Interpreter& in, Args& a)
{
    const std::string& s = S(in, a, "format_map");
    if (a.size() != 2) in.raise(Exc::TypeError, "str.format_map() takes exactly one argument (" + std::to_string(a.size() - 1) + " given)");
    // Only dicts are read as mappings here; anything else fails as CPython's lookup of a
    // field in it would.
    if (in.type_of(a[1]) != in.t_dict) in.raise(Exc::TypeError, "'" + ops::type_name(in, a[1]) + "' object is not subscriptable");
    std::vector<Value> names, vals;
    for (auto& e : a[1].as<Dict>()->table.entries()) {
        if (e.key.is_null()) continue;
        names.push_back(e.key);
        vals.push_back(e.value);
    }
    return in.str(ops::str_format(in, s, {}, names, vals));
}

Value m_encode(Interpreter& in, Args&) { in.raise(Exc::NotImplementedError, "bytes are not supported (str.encode)"); }

Value m_str_iter(Interpreter& in, Args& a) { return ops::get_iter(in, a[0]); }
Value m_str_len(Interpreter& in, Args& a) { return Value::integer(ops::len(in, a[0])); }
Value m_str_contains(Interpreter& in, Args& a) { return Value::boolean(ops::contains(in, a[0], a[1])); }
Value m_str_getitem(Interpreter& in, Args& a) { return ops::getitem(in, a[0], a[1]); }

}  // namespace

void install_str_methods(Interpreter& in)
{
    Type* t = in.t_str;
    struct M {
        const char* name;
        NativeFnPtr fn;
    };
    static const M methods[] = {
        {"split", m_split}, {"rsplit", m_rsplit}, {"splitlines", m_splitlines}, {"join", m_join},
        {"strip", m_strip}, {"lstrip", m_lstrip}, {"rstrip", m_rstrip}, {"upper", m_upper},
        {"lower", m_lower}, {"casefold", m_lower}, {"swapcase", m_swapcase}, {"capitalize", m_capitalize},
        {"title", m_title}, {"find", m_find}, {"rfind", m_rfind}, {"index", m_index}, {"rindex", m_rindex},
        {"count", m_count}, {"replace", m_replace}, {"startswith", m_startswith}, {"endswith", m_endswith},
        {"isdigit", m_isdigit}, {"isdecimal", m_isdecimal}, {"isnumeric", m_isnumeric}, {"isalpha", m_isalpha},
        {"isalnum", m_isalnum}, {"isspace", m_isspace}, {"isupper", m_isupper}, {"islower", m_islower},
        {"istitle", m_istitle}, {"isidentifier", m_isidentifier}, {"isprintable", m_isprintable},
        {"isascii", m_isascii}, {"ljust", m_ljust}, {"rjust", m_rjust}, {"center", m_center},
        {"zfill", m_zfill}, {"partition", m_partition}, {"rpartition", m_rpartition},
        {"removeprefix", m_removeprefix}, {"removesuffix", m_removesuffix}, {"expandtabs", m_expandtabs},
        {"format", m_format}, {"format_map", m_format_map}, {"encode", m_encode}, {"__iter__", m_str_iter},
        {"__len__", m_str_len}, {"__contains__", m_str_contains}, {"__getitem__", m_str_getitem},
    };
    for (auto& m : methods) in.add_method(t, m.name, m.fn);
}

}  // namespace script
