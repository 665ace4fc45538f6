#include "script/syntax/syntax_error.hpp"

namespace script {

// Mirrors print_error_text() in CPython 3.11's pythonrun.c.
std::string format_syntax_error(const SyntaxErrorInfo& e) {
    std::string out;
    if (e.line > 0) {
        out += "  File \"" + e.filename + "\", line " + std::to_string(e.line) + "\n";
        std::string_view text = e.text;
        long offset = e.offset - 1;
        std::size_t skipped = 0;
        while (skipped < text.size() && (text[skipped] == ' ' || text[skipped] == '\t' || text[skipped] == '\f')) ++skipped;
        text.remove_prefix(skipped);
        offset -= static_cast<long>(skipped);
        // Like CPython, place the caret by bytes.
        const long len = static_cast<long>(text.size());
        if (offset > len) offset = len;
        out += "    " + std::string(text) + "\n";
        if (e.offset > 0 && offset >= 0) {
            out += "    " + std::string(static_cast<std::size_t>(offset), ' ');
            // CPython limits the carets to the line (counted in bytes, like the parser's
            // offsets) and draws a single one for indentation errors.
            long line_size = static_cast<long>(e.text.size());
            long end = e.end_offset;
            if (e.end_line > e.line) end = line_size;
            if (end > line_size + 1) end = line_size + 1;
            long carets = end > e.offset ? end - e.offset : 1;
            if (e.type == "IndentationError" || e.type == "TabError") carets = 1;
            out += std::string(static_cast<std::size_t>(carets), '^') + "\n";
        }
    }
    out += e.type + ": " + e.message + "\n";
    return out;
}

}  // namespace script
