// Both printers of CPython 3.11: offsets are in characters, a range over several lines
// runs to the end of its first line, and a binary operation or subscript found by parsing
// the range alone gets "~" for its operands and "^" for the operator or the brackets.
// Display widths of East Asian wide characters are not accounted for.
#include <script/runtime/traceback_markers.hpp>

#include <script/syntax/parser.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>

namespace script {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f'; }

// What Python's bytes[:n].decode("utf-8", "replace") length gives for well-formed text:
// every byte that does not continue a sequence starts a character.
std::size_t char_offset(const std::string& s, std::size_t byte_offset)
{
    std::size_t n = 0;
    for (std::size_t i = 0; i < byte_offset && i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
    return n;
}

std::size_t char_length(const std::string& s) { return char_offset(s, s.size()); }

// The byte range of the characters [from, to) of s.
std::string char_substr(const std::string& s, std::size_t from, std::size_t to)
{
    std::size_t i = 0, chars = 0, begin = s.size(), end = s.size();
    for (; i <= s.size(); ++i) {
        if (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
        if (chars == from) begin = std::min(begin, i);
        if (chars == to) {
            end = i;
            break;
        }
        ++chars;
    }
    return begin <= end ? s.substr(begin, end - begin) : std::string();
}

struct Anchors {
    std::size_t left_end;     // chars of the segment drawn with '~' before the '^' run
    std::size_t right_start;  // where the '^' run ends
};

bool is_py_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// CPython parses the range on its own; only a lone expression statement that is a binary
// operation or a subscript gets anchors. Offsets are worked out in bytes, as the printers
// do, and turned into characters at the end.
std::optional<Anchors> extract_anchors(const std::string& segment, TracebackStyle style)
{
    ParseResult parsed = parse(segment, "<traceback>");
    if (!parsed.module || parsed.module->body.size() != 1) return std::nullopt;
    const ast::Stmt& st = *parsed.module->body[0];
    if (st.kind != ast::StmtKind::Expr) return std::nullopt;
    const ast::Expr& e = *static_cast<const ast::ExprStmt&>(st).value;
    if (e.loc.line != 1 || e.loc.end_line != 1) return std::nullopt;
    const std::size_t len = segment.size();
    std::size_t left = 0, right = 0;
    if (e.kind == ast::ExprKind::BinOp) {
        auto& b = static_cast<const ast::BinOp&>(e);
        const auto from = std::min(static_cast<std::size_t>(b.left->loc.end_col), len);
        const auto to = std::min(static_cast<std::size_t>(b.right->loc.col), len);
        if (style == TracebackStyle::excepthook) {
            bool found = false;
            for (std::size_t i = from; i < to; ++i) {
                if (is_space(segment[i])) continue;
                left = i;
                right = i + 1;
                found = true;
                if (i + 1 < to && !is_space(segment[i + 1])) ++right;  // a two-character operator
                if (i + 1 < to && segment[i] == ')') continue;          // closes the left operand
                break;
            }
            if (!found) return std::nullopt;
        } else {
            std::size_t offset = from;
            while (offset < to && is_py_space(segment[offset])) ++offset;
            left = offset;
            right = left + 1;
            if (offset + 1 < to && !is_py_space(segment[offset + 1])) ++right;
            while (left < len && (is_py_space(segment[left]) || segment[left] == ')' || segment[left] == '#')) {
                ++left;
                ++right;
            }
        }
    } else if (e.kind == ast::ExprKind::Subscript) {
        auto& sub = static_cast<const ast::Subscript&>(e);
        left = static_cast<std::size_t>(sub.value->loc.end_col);
        right = static_cast<std::size_t>(sub.slice->loc.end_col) + 1;
        while (left < len && segment[left] != '[') ++left;
        while (right < len && segment[right] != ']') ++right;
        if (right < len) ++right;
    } else {
        return std::nullopt;
    }
    return Anchors{char_offset(segment, left), char_offset(segment, right)};
}

std::size_t leading_blanks(const std::string& line, bool py)
{
    std::size_t i = 0;
    while (i < line.size() && (py ? is_py_space(line[i]) : is_space(line[i]))) ++i;
    return i;
}

std::string py_strip(const std::string& line)
{
    std::size_t a = leading_blanks(line, true);
    std::size_t b = line.size();
    while (b > a && is_py_space(line[b - 1])) --b;
    return line.substr(a, b - a);
}

std::string draw(std::ptrdiff_t pad, std::ptrdiff_t width, const std::optional<Anchors>& anchors)
{
    std::string out = "    ";
    out.append(static_cast<std::size_t>(std::max<std::ptrdiff_t>(pad, 0)), ' ');
    for (std::ptrdiff_t i = 0; i < width; ++i) {
        const auto at = static_cast<std::size_t>(i);
        if (anchors) out += anchors->left_end <= at && at < anchors->right_start ? '^' : '~';
        else out += '^';
    }
    out += '\n';
    return out;
}

}  // namespace

std::string traceback_source_line(const std::string& line, TracebackStyle style)
{
    std::string text = style == TracebackStyle::excepthook ? line.substr(leading_blanks(line, false)) : py_strip(line);
    if (style == TracebackStyle::excepthook && text.find_first_not_of(" \t\f\r\n\v") == std::string::npos) return {};
    if (text.empty()) return {};
    return "    " + text + "\n";
}

std::string traceback_position_markers(const std::string& line, const SourcePos& pos, TracebackStyle style)
{
    if (pos.line <= 0 || pos.end_line < pos.line || pos.col == SourcePos::no_col || pos.end_col == SourcePos::no_col) return {};
    if (traceback_source_line(line, style).empty()) return {};
    const bool py = style == TracebackStyle::traceback_module;
    const auto start = static_cast<std::ptrdiff_t>(char_offset(line, pos.col));
    auto end = static_cast<std::ptrdiff_t>(char_offset(line, pos.end_col));
    std::optional<Anchors> anchors;
    if (pos.line == pos.end_line) {
        if (end >= start)
            anchors = extract_anchors(char_substr(line, static_cast<std::size_t>(start), static_cast<std::size_t>(end)), style);
    } else {
        std::size_t b = line.size();
        while (b > 0 && (py ? is_py_space(line[b - 1]) : is_space(line[b - 1]) || line[b - 1] == '\r' || line[b - 1] == '\n')) --b;
        end = static_cast<std::ptrdiff_t>(char_offset(line, b));
    }
    const std::size_t indent = leading_blanks(line, py);
    if (py) {
        // traceback.py measures against the stripped line and counts the newline among
        // the stripped characters.
        const auto stripped = static_cast<std::ptrdiff_t>(char_length(py_strip(line)));
        const auto stripped_chars = static_cast<std::ptrdiff_t>(char_length(line)) + 1 - stripped;
        const bool shown = end - start < stripped || (anchors && anchors->right_start > anchors->left_end);
        if (!shown) return {};
        return draw(start + 1 - stripped_chars, end - start, anchors);
    }
    const auto stripped = static_cast<std::ptrdiff_t>(char_length(line) - char_offset(line, indent));
    if (end - start == stripped && !anchors) return {};
    const auto first = static_cast<std::ptrdiff_t>(char_offset(line, indent));
    return draw(start - first, end - std::max(start, first), anchors);
}


}  // namespace script
