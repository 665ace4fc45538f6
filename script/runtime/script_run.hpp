// One Python program run on one engine loop: what `loopscope run`, the window and the
// exporter use. Construct it with the source, start() it on a loop (which schedules the
// module body without running the loop), then either run_to_end() headless or let an
// external driver (the Qt bridge) run the loop. The program's output, the errors it
// reports (syntax errors, uncaught exceptions, deadlocks with the engine's wait-for
// report, stops) and its exit code come back through callbacks and diagnostics().
//
// Threading: construct, start, drive and destroy on the loop's thread (the interpreter
// runs there). request_stop() may be called from any thread. The loop given to start()
// runs only this program: destroy the runner before that loop, while the loop is not
// running; the destructor abandons the program's tasks and closes the loop (dropping
// callbacks still queued, which hold the program's objects).
#pragma once

#include <engine/engine.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace script {

class Interpreter;
class AsyncioRuntime;

// Something the editor shows on a line of the program.
struct Diagnostic {
    enum class Kind { syntax, exception, deadlock, stopped, stuck };
    Kind kind = Kind::exception;
    std::string file;
    int line = 0;    // 1-based, 0 if unknown
    int column = 0;  // 1-based, 0 if unknown
    std::string message;  // one line, e.g. "ValueError: bad" or "task worker: line 7 never awaits"
    std::string details;  // the full text: traceback, wait-for report
};

struct RunOptions {
    // run_to_end() makes its own loop on this clock; start() uses the loop it is given.
    bool virtual_clock = true;
    // Receives every engine event of the run, with task names, lines and prints.
    aio::Tracer* tracer = nullptr;
    // The program's stdout and stderr, with the loop time (seconds) they were written at.
    // Null: written to the process's stdout / stderr.
    std::function<void(std::string_view text, double loop_time)> on_stdout;
    std::function<void(std::string_view text, double loop_time)> on_stderr;
    // A task (or the module body) running this many wall seconds without awaiting is
    // reported once as a Diagnostic::Kind::stuck through on_stuck (0: never).
    double stuck_seconds = 0;
    std::function<void(const Diagnostic&)> on_stuck;
};

class ScriptRun {
public:
    ScriptRun(std::string source, std::string filename, RunOptions options = {});
    ~ScriptRun();
    ScriptRun(const ScriptRun&) = delete;
    ScriptRun& operator=(const ScriptRun&) = delete;

    // Compiles the program and schedules its module body on `loop`; attaches the
    // tracer. Returns false when it cannot run (syntax error: finished at once with 1).
    bool start(aio::EventLoop& loop);
    // Headless: makes a loop (options' clock), starts and runs the program to its end.
    // Returns the exit code: 0 ok, 1 error or deadlock, 3 stopped.
    int run_to_end();
    // For an external driver: call when the loop is idle (nothing ready, no timer,
    // no work promised by another thread). If the program has not finished, that is a
    // deadlock: it finishes with 1 and a Diagnostic::Kind::deadlock. Returns finished().
    bool check_idle();

    bool finished() const noexcept { return finished_; }
    int exit_code() const noexcept { return exit_code_; }
    // Called once, on the loop's thread, when the program ends.
    void set_on_finished(std::function<void(int exit_code)> cb) { on_finished_ = std::move(cb); }
    const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

    // Any thread: stops the program soon (exit 3, Diagnostic::Kind::stopped naming the
    // task and line it was at). Works for code that never awaits.
    void request_stop();
    // Any thread (not a signal handler): Ctrl+C, taken as CPython 3.11's asyncio.run takes
    // SIGINT. The first cancels the main task of asyncio.run / Runner.run, so its `except
    // CancelledError` and `finally` blocks run; if it then ends cancelled, the run ends with
    // CPython's KeyboardInterrupt traceback and exit code 130 (a main task that swallows the
    // cancellation lets the program go on, as in CPython). Module code running outside any
    // loop gets KeyboardInterrupt where it is. A second call, or a first one with no main
    // task to cancel (loop.run_forever), stops the program at once: exit 130 and a
    // Diagnostic::Kind::stopped whose message starts with "interrupted".
    void request_interrupt();

    const std::string& filename() const noexcept { return filename_; }

private:
    class RunHost;
    void finish(int code);
    void module_done(int code, const void* exc);
    void stop_now();
    void deliver_interrupt();
    bool keyboard_interrupt_from_cancel(const void* exc);
    void report_deadlock(const std::string& report);

    std::string source_;
    std::string filename_;
    RunOptions options_;
    std::unique_ptr<aio::EventLoop> own_loop_;  // run_to_end's; outlives the interpreter
    aio::EventLoop* loop_ = nullptr;
    std::unique_ptr<RunHost> host_;
    std::unique_ptr<Interpreter> interpreter_;
    std::unique_ptr<AsyncioRuntime> runtime_;
    aio::Future<void> done_;
    std::vector<Diagnostic> diagnostics_;
    std::function<void(int)> on_finished_;
    bool finished_ = false;
    int exit_code_ = 0;
    bool stop_scheduled_ = false;
    bool cancelled_for_interrupt_ = false;  // the first Ctrl+C cancelled the main task

    // Shared with request_stop() on other threads.
    struct StopState;
    std::shared_ptr<StopState> stop_;
};

}  // namespace script
