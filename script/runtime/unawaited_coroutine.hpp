// The coroutine object: a generator object that, like CPython's, reports on stderr
// "FILE:LINE: RuntimeWarning: coroutine 'NAME' was never awaited" when it dies without
// ever having started (the classic missing `await`). Interpreter thread only.
#pragma once

#include <script/runtime/objects.hpp>

#include <string>

namespace script {

class Interpreter;

// Prints the warning for a coroutine named `qualname` dying now (once per line and name).
// Never throws.
void warn_never_awaited(Interpreter& in, const std::string& qualname) noexcept;

struct CoroutineObj : GenObj {
    explicit CoroutineObj(Interpreter* owner) : interp(owner) {}
    ~CoroutineObj() override;
    Interpreter* interp;  // outlives its heap objects
};

}  // namespace script
