// The source line and the line of position markers ("    ~~~~~^^^") CPython 3.11 prints
// for each traceback entry, drawn from the failing instruction's source range. Pure
// functions, safe from any thread.
#pragma once

#include <script/runtime/code.hpp>

#include <string>

namespace script {

// CPython has two printers that differ in corner cases (trailing blanks, a parenthesized
// left operand): the default excepthook's, for uncaught exceptions, and traceback.py's,
// which asyncio's logger uses ("Exception in callback", "Task exception was never
// retrieved").
enum class TracebackStyle { excepthook, traceback_module };

// `line` is the whole source line (indentation included, no newline). Returns
// "    TEXT\n" with the text stripped as the printer strips it, or "" for a blank line.
std::string traceback_source_line(const std::string& line, TracebackStyle style);

// `line` is the source line that `pos` starts on. Returns the marker line with its
// 4-space indent and newline, or "" where CPython prints none (no columns, or a plain
// range that covers the whole stripped line).
std::string traceback_position_markers(const std::string& line, const SourcePos& pos,
                                       TracebackStyle style = TracebackStyle::excepthook);

}  // namespace script
