// What the parser reports for a program it cannot read: CPython 3.11's SyntaxError
// fields (type, msg, lineno, offset, ...) and its stderr rendering. Plain data.
#pragma once

#include <string>

namespace script {

struct SyntaxErrorInfo {
    std::string type = "SyntaxError";  // or "IndentationError", "TabError"
    std::string message;               // exactly CPython 3.11's msg
    std::string filename;
    int line = 0;        // 1-based, as CPython's SyntaxError.lineno (0: no line, as for bad UTF-8)
    int offset = 0;      // 1-based column in characters, as CPython's SyntaxError.offset
    int end_line = 0, end_offset = 0;
    std::string text;    // the source line, without its newline
};

// CPython's rendering on stderr, e.g.
//   '  File "f.py", line 3\n    x = (1,\n        ^\nSyntaxError: '(' was never closed\n'
std::string format_syntax_error(const SyntaxErrorInfo& error);

}  // namespace script
