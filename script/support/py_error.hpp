// The one exception type of script/support: a Python exception to raise, named by its
// CPython class ("ValueError", "OverflowError", ...) with CPython's exact message text.
// Plain value type; safe to throw across threads like any std::exception.
#pragma once

#include <stdexcept>
#include <string>

namespace script::support {

struct PyError : std::runtime_error {
    // "ValueError", "OverflowError", "ZeroDivisionError", "TypeError", "IndexError", "MemoryError".
    std::string type;
    PyError(std::string type, std::string message);
};

} // namespace script::support
