// The asyncio module on the C++ engine: each Python task is an engine task whose C++
// coroutine drives the Python coroutine step by step, awaiting the engine's sleeps,
// futures, locks and queues for it. The module body runs on a fiber so that
// asyncio.run() can wait for its main task without nesting a loop run; functions given
// to to_thread run on fibers too, so time.sleep() inside them is simulated thread work.
// Internal to script/runtime (the public face is script_run.hpp).
// Threading: everything runs on the loop's thread, which is the interpreter's thread.
#pragma once

#include <script/runtime/fiber.hpp>
#include <script/runtime/interpreter.hpp>

#include <engine/engine.hpp>

#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace script {

class AsyncioRuntime;

// A Python exception travelling through the engine (futures, tasks, gather...).
struct PyError {
    Value exc;
};
// A Python CancelledError travelling through the engine: the engine sees a cancellation.
struct PyCancelled : aio::CancelledError {
    PyCancelled(std::string msg, Value e) : aio::CancelledError(std::move(msg)), exc(std::move(e)) {}
    Value exc;
};

// asyncio.Future and asyncio.Task.
struct FutureObj : NativeAwaitable {
    ~FutureObj() override;
    AsyncioRuntime* rt = nullptr;
    aio::FutureRef ref;
    Value coro;        // tasks: the coroutine
    bool is_task = false;
    bool is_main = false;
    // gather(): ref is the engine's gather future; the result lists the children's.
    bool gather = false;
    bool return_exceptions = false;
    std::vector<Value> children;
    std::string name;  // tasks
    // Python done callbacks and their engine ids (remove_done_callback).
    std::vector<std::pair<Value, std::uint64_t>> callbacks;
    aio::TaskBase* task() const noexcept { return static_cast<aio::TaskBase*>(ref.get()); }
};

// What a Python coroutine awaits that the driver handles: sleep(), an engine operation
// (a lazy C++ coroutine), or a value that is already there.
// Those CPython implements as coroutines (sleep, Queue.get, Lock.acquire, ...) carry the
// coroutine's name and warn "coroutine 'NAME' was never awaited" when they die neither
// awaited, nor handed to a task, nor closed.
struct SleepObj : NativeAwaitable {
    ~SleepObj() override;
    std::int64_t ns = 0;
    Value result;
    Interpreter* interp = nullptr;
    const char* coroutine_name = nullptr;
    bool consumed = false;
};
struct OpObj : NativeAwaitable {
    ~OpObj() override;
    aio::Task<Value> op;
    bool used = false;
    Interpreter* interp = nullptr;
    const char* coroutine_name = nullptr;  // null: not a coroutine in CPython, never warns
    bool consumed = false;
};

struct ThreadWork;

class AsyncioRuntime {
public:
    AsyncioRuntime(Interpreter& in, aio::EventLoop& loop);
    ~AsyncioRuntime();
    AsyncioRuntime(const AsyncioRuntime&) = delete;
    AsyncioRuntime& operator=(const AsyncioRuntime&) = delete;

    static AsyncioRuntime& of(Interpreter& in) { return *static_cast<AsyncioRuntime*>(in.embedder); }

    Interpreter& in;
    aio::EventLoop& loop;

    // ---- the program: the module body on a fiber.
    // Schedules the module body; `done(exit_code, exception or null)` is called once
    // when it ends (0 ok, 1 uncaught exception, 3 stopped).
    void start_module(Value code, std::function<void(int, Value)> done);
    // Abandons every task of the program and cancels its callbacks (stop / teardown).
    void abandon_all() noexcept;
    bool module_running() const noexcept { return module_fiber_ && !module_fiber_->finished(); }
    bool stopped = false;
    bool module_stopped = false;  // the module body ended by a stop, not by SystemExit(3)
    // The program noticed a stop request (ScriptStopped): the runner ends it.
    std::function<void()> on_stopped;
    void note_stopped()
    {
        bool first = !stopped;
        stopped = true;
        if (first && on_stopped) on_stopped();
    }
    // Counts every entry into Python code (steps, callbacks), for "never awaits" checks.
    std::uint64_t step_count = 0;
    // The legacy features already noted on stderr (bit per script::Legacy value).
    std::uint32_t legacy_noted = 0;
    // While a Task object frees its engine task: " coro=<...>" for a "Task exception was
    // never retrieved" report made then (the engine only knows the task's name).
    std::string dying_task_coro;

    // ---- tasks
    Value create_task(Value coro, Value name);
    Value create_task_in_group(Value coro, Value name, aio::TaskGroup* group);
    FutureObj* current = nullptr;  // the Python task being stepped, or null
    FutureObj* main_task = nullptr;
    Value task_object(aio::TaskBase* t) const;  // None if not one of ours
    std::unordered_map<aio::TaskBase*, FutureObj*> tasks;
    std::string task_name(const FutureObj* t) const;
    // The name of the task being stepped (or "<module>") and its line, for stuck reports.
    std::string running_where() const;

    // ---- exceptions both ways
    Value to_py(const std::exception_ptr& e);
    std::exception_ptr from_py(const Value& exc);
    [[noreturn]] void rethrow_py(const std::exception_ptr& e) { in.raise_value(to_py(e)); }
    Value make_exc(Type* t, const std::string& msg);

    // ---- blocking
    // time.sleep: blocks the loop, or inside a to_thread function is simulated thread work.
    void blocking_sleep(double seconds);

    // ---- awaitables
    Value sleep_obj(double seconds, Value result);
    // coroutine_name: what CPython's coroutine for this operation is called ('Queue.get').
    Value op_obj(aio::Task<Value> op, const char* coroutine_name = nullptr);
    Value new_future();
    FutureObj* as_future(const Value& v) const;
    // result() of a done future, task or gather (raises PyThrow as result() does).
    Value future_result(FutureObj* f);
    // asyncio.run(coro) (and asyncio.Runner's run/close), called by the module body on
    // its fiber: suspends it until the loop has run the coroutine.
    enum class RunMode { run, runner_run, runner_close, forever };
    Value asyncio_run(Value coro, RunMode mode = RunMode::run);
    // Cancels every pending task, waits for them, reports failures, then calls `then`.
    void cancel_leftovers(std::function<void()> then);
    // loop.stop() while asyncio.run / run_until_complete waits for its main task.
    void stop_run();
    // loop.run_forever(), called by the module body: suspends it until loop.stop().
    void run_forever();
    // loop.stop(): ends run_forever() or run_until_complete() after the callbacks already
    // scheduled; before either runs, makes the next run_forever() stop at once.
    void request_loop_stop();
    // A loop is running: asyncio.run, run_until_complete or run_forever.
    bool loop_is_running() const noexcept { return main_task || forever_running_; }
    bool forever_running() const noexcept { return forever_running_; }
    int forever_line = 0;  // the line of the loop.run_forever() call running now
    // Closes the async generators left suspended (as asyncio.run does), then calls `then`.
    void shutdown_asyncgens(std::function<void()> then);
    // In a to_thread function: blocks that thread until `f` is done.
    void thread_wait(const aio::FutureRef& f);
    // Turns an awaitable argument (coroutine, task, future) into a future (wrapping a
    // coroutine in a new task), as asyncio.ensure_future does.
    Value ensure_future(const Value& v);
    // For the trace: the line each task waits at.
    void trace_line(FutureObj* t);
    aio::Task<Value> run_in_thread(Value fn, std::vector<Value> args, std::string what);

    // Types.
    Type *t_future = nullptr, *t_task = nullptr, *t_sleep = nullptr, *t_op = nullptr, *t_loop = nullptr,
         *t_handle = nullptr, *t_lock = nullptr, *t_event = nullptr, *t_condition = nullptr,
         *t_semaphore = nullptr, *t_bounded_semaphore = nullptr, *t_queue = nullptr, *t_priority_queue = nullptr,
         *t_lifo_queue = nullptr, *t_timeout = nullptr, *t_task_group = nullptr,
         *t_concurrent_future = nullptr, *t_runner = nullptr;
    Type *e_cancelled = nullptr, *e_invalid_state = nullptr, *e_queue_empty = nullptr, *e_queue_full = nullptr;
    Value loop_object;
    // loop.set_exception_handler(): called as handler(loop, context) instead of logging.
    Value exception_handler;
    // What the loop logs (a failing callback, an exception never retrieved): given to the
    // Python handler if one is set, else written on stderr as asyncio's default does.
    // `exc` may be null; `extra` is appended to the default text (e.g. "handle: <...>").
    void report(const std::string& message, const Value& exc, const std::string& extra);
    Value module;
    std::string filename;
    // Handles of callbacks scheduled from Python (cancelled at abandon_all).
    std::vector<aio::Handle> handles;
    int task_counter = 0;

private:
    friend struct ModuleBuilder;
    aio::Task<Value> drive(Value self);
    void resume_module();
    void finish_asyncio_run();
    Value build_module();

    std::unique_ptr<Fiber> module_fiber_;
    Interpreter::ExecState module_state_{};
    Value module_code_;
    std::function<void(int, Value)> module_done_;
    int module_exit_ = 0;
    Value module_exc_;
    // asyncio.run hand-over between the module fiber and the loop.
    Value run_request_;
    RunMode run_mode_ = RunMode::run;
    bool run_pending_ = false;
    bool run_aborted_ = false;
    Value run_result_, run_exc_;
    Value main_task_value_;
    bool forever_running_ = false;
    bool stop_pending_ = false;  // loop.stop() before run_forever()
    ThreadWork* thread_work_ = nullptr;  // the to_thread function running now
public:
    ThreadWork* current_thread_work() const noexcept { return thread_work_; }
    void set_current_thread_work(ThreadWork* w) noexcept { thread_work_ = w; }
};

// Resumes a fiber running Python code, with its own Python stack swapped in (and the
// caller's swapped back when it suspends or ends).
void resume_fiber(Interpreter& in, Fiber& fiber, Interpreter::ExecState& fiber_state);

// Installs the asyncio module ("import asyncio") for this runtime.
void install_asyncio(AsyncioRuntime& rt);

// For queues of Python values: the trace text of an item.
std::string aio_trace_text(const Value& v);

}  // namespace script
