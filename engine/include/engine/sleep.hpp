// asyncio.sleep: suspend the current task for a delay (sleep(0) yields exactly once).
// Loop thread only; await it from inside a task.
#pragma once

#include <engine/task.hpp>

#include <chrono>
#include <type_traits>

namespace aio {

namespace detail {

// The sleep's future and its timer in one object (one allocation per sleep).
class SleepState final : public FutureBase {
public:
    using FutureBase::FutureBase;
    void run() override;  // the timer fired
    bool cancel(std::string message = {}) override;
    void* value_ptr() noexcept override { return &unit_; }
    std::string describe() const override { return "sleep"; }
    // The sleeper stopped waiting (it was cancelled): the timer must not fire.
    void cancel_timer_only() noexcept { cancel_timer(); }

private:
    std::monostate unit_;
};

// sleep(0) (a yield) is handled inline: it is the hottest await there is.
struct SleepAwaiter {
    std::int64_t ns;
    Ref<SleepState> state{};
    TaskBase* task = nullptr;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h)
    {
        EventLoop* loop = EventLoop::running_loop();
        task = loop ? loop->current_task() : nullptr;
        if (ns <= 0 && task) [[likely]]
            task->suspend_yield(h);
        else
            suspend_timer(h);
    }
    void await_resume()
    {
        if (state) {
            // Inline, so a cancelled sleep throws straight into the awaiting
            // coroutine: an exception's cost grows with the frames it unwinds.
            if (!state->done())
                state->cancel_timer_only();
            task->rethrow_injected();
            if (state->cancelled())
                state->throw_cancelled();
            state->check_result();
            return;
        }
        task->rethrow_injected();
    }

private:
    void suspend_timer(std::coroutine_handle<> h);
};

}  // namespace detail

// Any number of seconds (a template so `sleep(1)` beats POSIX ::sleep under `using namespace aio`).
template <class Seconds>
    requires std::is_arithmetic_v<Seconds>
detail::SleepAwaiter sleep(Seconds seconds) { return {seconds == 0 ? std::int64_t{0} : seconds_to_ns(double(seconds))}; }
inline detail::SleepAwaiter sleep(std::chrono::nanoseconds d) { return {d.count()}; }
inline detail::SleepAwaiter sleep_ns(std::int64_t ns) { return {ns}; }

// asyncio.sleep(delay, result)
template <class T>
Task<T> sleep(double seconds, T result)
{
    co_await sleep(seconds);
    co_return result;
}

// Simulated blocking work on the running loop (time.sleep inside a coroutine).
inline void block_for(double seconds, std::string_view why = {})
{
    EventLoop* loop = EventLoop::running_loop();
    if (!loop)
        throw RuntimeError("no running event loop");
    loop->block_for(seconds, why);
}

}  // namespace aio
