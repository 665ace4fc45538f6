#include <engine/sleep.hpp>

#include <cstdio>

namespace aio::detail {

void SleepState::run()
{
    // asyncio's _set_result_unless_cancelled
    if (!done())
        finish();
}

bool SleepState::cancel(std::string message)
{
    if (done())
        return false;
    cancel_timer();
    return FutureBase::cancel(std::move(message));
}

void SleepAwaiter::suspend_timer(std::coroutine_handle<> h)
{
    EventLoop* loop = EventLoop::running_loop();
    if (!task)
        throw RuntimeError("sleep() awaited outside of a task");
    if (ns <= 0) {
        task->suspend_yield(h);
        return;
    }
    state = Ref<SleepState>(new SleepState(*loop));
    loop->push_timer(loop->time_ns() + ns, Ref<Runnable>(state.get()));
    if (loop->tracer()) [[unlikely]] {
        char text[48];
        std::snprintf(text, sizeof text, "sleep(%g)", double(ns) / 1e9);
        task->suspend_on(*state, h, WaitKind::sleep, text);
    } else {
        task->suspend_on(*state, h, WaitKind::sleep);
    }
}

}  // namespace aio::detail
