#include <script/runtime/script_run.hpp>

#include <script/runtime/asyncio_runtime.hpp>
#include <script/runtime/code.hpp>
#include <script/runtime/fiber.hpp>
#include <script/runtime/interpreter.hpp>
#include <script/runtime/objects.hpp>
#include <script/runtime/ops.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstdio>

namespace script {

struct ScriptRun::StopState {
    std::mutex mutex;
    bool alive = true;
    ScriptRun* run = nullptr;
    aio::EventLoop* loop = nullptr;
    Interpreter* interpreter = nullptr;
    std::atomic<bool> requested{false};
    // Ctrl+C: how many so far, whether the first is still to be taken, and whether the
    // stop under way is an interrupt's (exit 130) rather than a stop's (exit 3).
    std::atomic<int> interrupts{0};
    std::atomic<bool> interrupt_pending{false};
    std::atomic<bool> interrupt_stop{false};
    // Where the program was when it noticed the stop (written on the loop's thread).
    std::string where;
};

class ScriptRun::RunHost final : public Host {
public:
    explicit RunHost(ScriptRun& run) : run_(run) {}

    void write_stdout(std::string_view text) override
    {
        trace_print(text);
        if (run_.options_.on_stdout) {
            run_.options_.on_stdout(text, now());
        } else {
            std::fwrite(text.data(), 1, text.size(), stdout);
        }
    }
    void write_stderr(std::string_view text) override
    {
        if (run_.options_.on_stderr) {
            run_.options_.on_stderr(text, now());
        } else {
            std::fflush(stdout);
            std::fwrite(text.data(), 1, text.size(), stderr);
        }
    }
    double wall_time() override
    {
        if (run_.loop_ && run_.loop_->is_virtual())
            return epoch_ + run_.loop_->time();
        return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    }
    double monotonic_time() override { return now(); }
    void blocking_sleep(double seconds) override
    {
        if (run_.runtime_)
            run_.runtime_->blocking_sleep(seconds);
    }
    bool interrupt_requested() override
    {
        AsyncioRuntime* rt = run_.runtime_.get();
        // Ctrl+C while the module body runs outside any loop: CPython raises
        // KeyboardInterrupt right there (the module fiber is the only fiber that is not a
        // to_thread function's).
        if (run_.stop_->interrupt_pending.load(std::memory_order_relaxed) && rt && !rt->current &&
            !rt->current_thread_work() && !rt->loop_is_running() && Fiber::current() &&
            run_.stop_->interrupt_pending.exchange(false)) {
            Interpreter& in = *run_.interpreter_;
            in.raise_value(in.make_exception(in.exc_type(Exc::KeyboardInterrupt), {}));
        }
        if (run_.stop_->requested.load(std::memory_order_relaxed)) {
            if (rt && run_.stop_->where.empty())
                run_.stop_->where = where_now(*rt);
            return true;
        }
        if (run_.options_.stuck_seconds > 0 && rt) {
            const auto t = std::chrono::steady_clock::now();
            const std::uint64_t g = rt->step_count;
            if (g != seen_steps_) {
                seen_steps_ = g;
                since_ = t;
                reported_ = false;
            } else if (!reported_ && std::chrono::duration<double>(t - since_).count() > run_.options_.stuck_seconds) {
                reported_ = true;
                Diagnostic d;
                d.kind = Diagnostic::Kind::stuck;
                d.file = run_.filename_;
                d.line = run_.interpreter_->running_line();
                d.message = rt->running_where();
                d.details = d.message;
                run_.diagnostics_.push_back(d);
                if (run_.options_.on_stuck)
                    run_.options_.on_stuck(d);
            }
        }
        return false;
    }

    std::string where_now(AsyncioRuntime& rt) const
    {
        int line = run_.interpreter_->running_line();
        std::string who = rt.current ? "task " + rt.task_name(rt.current)
                                     : rt.current_thread_work() ? std::string("a to_thread function") : std::string("the module body");
        return who + " at line " + std::to_string(line) + " (" + run_.filename_ + ")";
    }

private:
    double now() const
    {
        return run_.loop_ ? run_.loop_->time() : 0.0;
    }
    void trace_print(std::string_view text)
    {
        aio::EventLoop* loop = run_.loop_;
        if (!loop || !loop->tracer())
            return;
        AsyncioRuntime* rt = run_.runtime_.get();
        aio::ObjectId who = rt && rt->current && rt->current->task() ? rt->current->task()->id() : 0;
        // One record per printed line; a print without a newline continues the line.
        pending_ += text;
        std::size_t pos;
        while ((pos = pending_.find('\n')) != std::string::npos) {
            loop->trace(aio::EventKind::print, 0, who, 0, 0, std::string_view(pending_).substr(0, pos));
            pending_.erase(0, pos + 1);
        }
    }

    ScriptRun& run_;
    std::string pending_;
    double epoch_ = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    std::uint64_t seen_steps_ = ~std::uint64_t{0};
    std::chrono::steady_clock::time_point since_{};
    bool reported_ = false;
};

ScriptRun::ScriptRun(std::string source, std::string filename, RunOptions options)
    : source_(std::move(source)), filename_(std::move(filename)), options_(std::move(options)),
      stop_(std::make_shared<StopState>())
{
    host_ = std::make_unique<RunHost>(*this);
    interpreter_ = std::make_unique<Interpreter>(*host_);
    stop_->run = this;
    stop_->interpreter = interpreter_.get();
}

ScriptRun::~ScriptRun()
{
    {
        std::lock_guard lock(stop_->mutex);
        stop_->alive = false;
        stop_->run = nullptr;
    }
    // Tasks and callbacks first (they hold Python objects), then the objects. The
    // loop runs only this program: closing it drops the callbacks still queued.
    if (runtime_)
        runtime_->abandon_all();
    if (loop_ && !loop_->is_running() && !loop_->is_closed())
        loop_->close();
    runtime_.reset();
    if (loop_ && loop_->tracer() == options_.tracer)
        loop_->set_tracer(nullptr);
    interpreter_.reset();
}

bool ScriptRun::start(aio::EventLoop& loop)
{
    loop_ = &loop;
    {
        std::lock_guard lock(stop_->mutex);
        stop_->loop = &loop;
    }
    if (options_.tracer)
        loop.set_tracer(options_.tracer);
    done_ = aio::Future<void>(loop);
    SyntaxErrorInfo error;
    Value code = interpreter_->load_program(source_, filename_, error);
    if (!code) {
        std::string text = format_syntax_error(error);
        host_->write_stderr(text);
        Diagnostic d;
        d.kind = Diagnostic::Kind::syntax;
        d.file = error.filename.empty() ? filename_ : error.filename;
        d.line = error.line;
        d.column = error.offset;
        d.message = error.type + ": " + error.message;
        d.details = text;
        diagnostics_.push_back(d);
        finish(1);
        return false;
    }
    runtime_ = std::make_unique<AsyncioRuntime>(*interpreter_, loop);
    runtime_->filename = filename_;
    runtime_->on_stopped = [this] {
        if (stop_scheduled_ || finished_)
            return;
        stop_scheduled_ = true;
        loop_->call_soon([this] { stop_now(); }, "stop");
    };
    runtime_->start_module(code, [this](int rc, Value exc) { module_done(rc, exc ? &exc : nullptr); });
    return true;
}

void ScriptRun::module_done(int code, const void* excp)
{
    if (finished_)
        return;
    if (code == 3 && runtime_->module_stopped) {
        stop_now();
        return;
    }
    if (excp && code == 1 && keyboard_interrupt_from_cancel(excp))
        return;
    if (excp) {
        const Value& exc = *static_cast<const Value*>(excp);
        std::string text = interpreter_->format_exception(exc);
        host_->write_stderr(text);
        Diagnostic d;
        d.kind = Diagnostic::Kind::exception;
        d.file = filename_;
        // The innermost frame of the program's own file (the last one printed) names the line.
        const std::string marker = "File \"" + filename_ + "\", line ";
        for (std::size_t pos = text.find(marker); pos != std::string::npos; pos = text.find(marker, pos + 1))
            d.line = std::atoi(text.c_str() + pos + marker.size());
        std::string last = text;
        while (!last.empty() && last.back() == '\n') last.pop_back();
        std::size_t nl = last.rfind('\n');
        d.message = nl == std::string::npos ? last : last.substr(nl + 1);
        d.details = text;
        diagnostics_.push_back(d);
    }
    // An uncaught KeyboardInterrupt ends CPython by SIGINT: the shell sees 130.
    if (excp && code == 1 && interpreter_->is_instance_of(*static_cast<const Value*>(excp), interpreter_->exc_type(Exc::KeyboardInterrupt)))
        code = 130;
    runtime_->abandon_all();
    finish(code);
}

// The main task that the first Ctrl+C cancelled ended cancelled, and its CancelledError
// left asyncio.run uncaught. CPython's Runner.run turns that into KeyboardInterrupt raised
// by asyncio.run() itself, the CancelledError as its context: the frames up to the
// asyncio.run() call belong to the KeyboardInterrupt, the coroutine frames to the
// CancelledError. Returns false (nothing done) for any other exception.
// Known difference: Loopscope's asyncio.run raises the CancelledError itself, so an
// `except KeyboardInterrupt:` around asyncio.run() does not see it.
bool ScriptRun::keyboard_interrupt_from_cancel(const void* excp)
{
    const Value& exc = *static_cast<const Value*>(excp);
    if (!cancelled_for_interrupt_ || !runtime_ || !runtime_->e_cancelled || !interpreter_->is_instance_of(exc, runtime_->e_cancelled))
        return false;
    auto* cancelled = dynamic_cast<ExceptionObj*>(exc.obj());
    if (!cancelled)
        return false;
    Interpreter& in = *interpreter_;
    Value ki = in.make_exception(in.exc_type(Exc::KeyboardInterrupt), {});
    auto* k = ki.as<ExceptionObj>();
    // Entries run from the raising frame outwards: the module's (outermost) come last.
    auto& tb = cancelled->traceback;
    auto outermost_coroutine = std::find_if(tb.rbegin(), tb.rend(), [](const TracebackEntry& e) {
        const Code* c = e.code ? dynamic_cast<const Code*>(e.code.obj()) : nullptr;
        return c && c->is_gen_like();
    });
    const auto split = outermost_coroutine.base();
    k->traceback.assign(split, tb.end());
    tb.erase(split, tb.end());
    k->context = exc;
    Value kv = ki;
    module_done(1, &kv);
    return true;
}

void ScriptRun::deliver_interrupt()
{
    // Module code outside a loop may have taken it already (interrupt_requested).
    if (finished_ || !stop_->interrupt_pending.exchange(false))
        return;
    if (runtime_ && runtime_->main_task && !runtime_->main_task->ref.done()) {
        cancelled_for_interrupt_ = true;
        runtime_->main_task->ref.cancel("");
        return;
    }
    // No main task to cancel (loop.run_forever(), asyncio.run already ending): CPython
    // raises KeyboardInterrupt wherever the loop is; Loopscope stops there.
    stop_->interrupt_stop.store(true);
    stop_now();
}

void ScriptRun::stop_now()
{
    if (finished_)
        return;
    Diagnostic d;
    d.kind = Diagnostic::Kind::stopped;
    d.file = filename_;
    std::string where = stop_->where;
    if (where.empty() && runtime_) {
        // Stopped while nothing ran: say where each task waits.
        for (auto& [t, obj] : runtime_->tasks) {
            (void)t;
            if (obj->ref.done())
                continue;
            int line = interpreter_->current_line(obj->coro);
            if (!where.empty())
                where += ", ";
            where += "task " + runtime_->task_name(obj) + " at line " + std::to_string(line);
            if (!d.line)
                d.line = line;
        }
        if (where.empty())
            where = "the module body";
    }
    const bool interrupted = stop_->interrupt_stop.load();
    d.message = (interrupted ? "interrupted: " : "stopped: ") + where;
    d.details = d.message;
    diagnostics_.push_back(d);
    if (runtime_)
        runtime_->abandon_all();
    finish(interrupted ? 130 : 3);
}

void ScriptRun::report_deadlock(const std::string& report)
{
    std::string text = report;
    if (!text.empty() && text.back() != '\n')
        text += '\n';
    if (runtime_ && runtime_->forever_running())
        text += "  loop.run_forever() at " + filename_ + ":" + std::to_string(runtime_->forever_line) +
                " waits for loop.stop(), and nothing left can call it\n";
    if (runtime_) {
        // Where each stuck task waits in the program.
        std::vector<std::pair<std::uint32_t, std::string>> lines;
        for (auto& [t, obj] : runtime_->tasks) {
            if (obj->ref.done() || !obj->coro)
                continue;
            int line = interpreter_->current_line(obj->coro);
            if (line > 0)
                lines.emplace_back(obj->ref->id(), "  Task '" + runtime_->task_name(obj) + "' waits at " + filename_ + ":" + std::to_string(line) + "\n");
        }
        std::sort(lines.begin(), lines.end());
        for (auto& l : lines)
            text += l.second;
    }
    host_->write_stderr(text);
    Diagnostic d;
    d.kind = Diagnostic::Kind::deadlock;
    d.file = filename_;
    if (runtime_ && runtime_->main_task)
        d.line = interpreter_->current_line(runtime_->main_task->coro);
    std::string first = report.substr(0, report.find('\n'));
    d.message = first;
    d.details = text;
    diagnostics_.push_back(d);
    if (runtime_)
        runtime_->abandon_all();
    finish(1);
}

void ScriptRun::finish(int code)
{
    if (finished_)
        return;
    finished_ = true;
    exit_code_ = code;
    if (loop_ && !done_.done())
        done_.set_result();
    if (on_finished_)
        on_finished_(code);
}

bool ScriptRun::check_idle()
{
    if (finished_)
        return true;
    if (!loop_ || loop_->has_ready() || loop_->next_deadline() || loop_->has_external_work())
        return false;
    aio::TaskBase* target = runtime_ && runtime_->main_task ? runtime_->main_task->task() : nullptr;
    std::string report = loop_->wait_for_report(target);
    loop_->trace(aio::EventKind::deadlock, 0, 0, 0, 0, report);
    report_deadlock(report);
    return true;
}

int ScriptRun::run_to_end()
{
    own_loop_ = options_.virtual_clock ? aio::EventLoop::with_virtual_clock() : aio::EventLoop::with_real_clock();
    if (!start(*own_loop_))
        return exit_code_;
    while (!finished_) {
        try {
            own_loop_->run_until_complete(done_);
        } catch (const aio::DeadlockError&) {
            aio::TaskBase* target = runtime_ && runtime_->main_task ? runtime_->main_task->task() : nullptr;
            report_deadlock(own_loop_->wait_for_report(target));
        } catch (const aio::RuntimeError&) {
            // The loop was stopped by something other than the program's end; go on.
        }
    }
    return exit_code_;
}

void ScriptRun::request_interrupt()
{
    auto st = stop_;
    std::unique_lock lock(st->mutex);
    if (!st->alive)
        return;
    if (st->interrupts.fetch_add(1) > 0) {
        // The second Ctrl+C: the program had its chance to clean up.
        st->interrupt_stop.store(true);
        lock.unlock();
        request_stop();
        return;
    }
    st->interrupt_pending.store(true);
    if (st->loop) {
        st->loop->call_soon_threadsafe([st] {
            ScriptRun* run = nullptr;
            {
                std::lock_guard l(st->mutex);
                run = st->alive ? st->run : nullptr;
            }
            if (run)
                run->deliver_interrupt();
        });
    }
}

void ScriptRun::request_stop()
{
    auto st = stop_;
    std::lock_guard lock(st->mutex);
    if (!st->alive)
        return;
    // The interpreter polls the host (interrupt_requested), which notes where it was.
    st->requested.store(true);
    if (st->loop) {
        st->loop->call_soon_threadsafe([st] {
            // On the loop's thread: the program may be idle (waiting on timers).
            ScriptRun* run = nullptr;
            {
                std::lock_guard l(st->mutex);
                run = st->alive ? st->run : nullptr;
            }
            if (run)
                run->stop_now();
        });
    }
}

}  // namespace script
