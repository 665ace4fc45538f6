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

// Older asyncio that Loopscope runs as the last CPython supporting it did
// (asyncio_legacy.cpp). Each feature is noted once per run on stderr, at first use.
enum class Legacy : std::uint8_t {
    coroutine_decorator,  // @asyncio.coroutine (3.10)
    wait_coroutines,      // asyncio.wait() given coroutines (3.10)
    loop_argument,        // loop= of asyncio.wait(), sleep(), Lock()... (3.9)
    await_lock,           // with (await lock): (3.8)
    yield_from_lock,      // with (yield from lock): (3.8)
    task_all_tasks,       // asyncio.Task.all_tasks() (3.8)
    task_current_task,    // asyncio.Task.current_task() (3.8)
};
// Writes "FILE:LINE: DeprecationWarning: ..." for `feature` unless this run already did;
// `what` (if given) names the use more precisely than the feature's standard text.
void legacy_note(AsyncioRuntime& rt, Legacy feature, const std::string& what = {});
// `a` without its loop= keyword argument (noted as Legacy::loop_argument), which
// Python <= 3.9 accepted; `storage` keeps the remaining keywords alive.
Args without_loop_kw(AsyncioRuntime& rt, const Args& a, const char* fname, std::vector<Value>& storage);
// @asyncio.coroutine, Task.all_tasks/current_task, `await lock` and `yield from lock`.
void install_asyncio_legacy(AsyncioRuntime& rt, const Value& module);
// asyncio.iscoroutinefunction's answer for a function marked by @asyncio.coroutine.
bool marked_coroutine_function(AsyncioRuntime& rt, const Value& fn);

}  // namespace script
