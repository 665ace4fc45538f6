// Helpers shared by the files that build the asyncio module (asyncio_module.cpp,
// asyncio_sync.cpp). Internal to script/runtime. Threading: the loop's thread.
#pragma once

#include <script/runtime/asyncio_runtime.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace script {

// Positional argument i, else the keyword `name`, else null.
Value arg(Args& a, std::size_t i, const char* name);
// TypeError for a keyword argument not in `allowed`.
void check_kw(Interpreter& in, Args& a, std::initializer_list<const char*> allowed, const char* fname);
// fn.__name__, for traces and messages.
std::string callable_name(Interpreter& in, const Value& fn);
// Runs a Python callback from the loop; an exception is reported as asyncio does.
void call_python_callback(AsyncioRuntime& rt, const Value& fn, std::vector<Value> args);
// Lock, Event, Condition, Semaphore, BoundedSemaphore and the queues.
void install_asyncio_sync(AsyncioRuntime& rt);
// Barrier, BrokenBarrierError and the async-generator shutdown, written in Python.
void install_asyncio_python(AsyncioRuntime& rt, const Value& module);

}  // namespace script
