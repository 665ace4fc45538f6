#include <engine/wait_for.hpp>
#include <engine/waiter_list.hpp>

#include <cstdio>

namespace aio::detail {

namespace {

Future<void> make_waiter(EventLoop& loop)
{
    Future<void> w = loop.create_future<void>();
    w.set_wait_kind(WaitKind::timeout);
    return w;
}

auto releaser(Future<void> waiter)
{
    return [waiter](FutureBase&) mutable {
        if (!waiter.done())
            waiter.set_result();
    };
}

}  // namespace

Task<void> cancel_and_wait(FutureRef fut)
{
    EventLoop& loop = fut->loop();
    Future<void> waiter = make_waiter(loop);
    const std::uint64_t cb = fut.add_done_callback(releaser(waiter));
    Finally remove{[&] { fut.remove_done_callback(cb); }};
    fut.cancel();
    co_await waiter;
}

Task<bool> wait_for_done(FutureRef fut, std::optional<double> timeout)
{
    EventLoop& loop = fut->loop();
    if (!timeout) {
        if (!fut.done())
            co_await DoneAwaiter{fut.get()};  // the caller's result() reports failures
        co_return false;
    }
    if (*timeout <= 0) {
        if (fut.done())
            co_return false;
        co_await cancel_and_wait(fut);
        co_return fut.cancelled();
    }
    Future<void> waiter = make_waiter(loop);
    const ObjectId traced = fut->id();
    TimerHandle timeout_handle = loop.call_later(*timeout, [waiter, &loop, traced]() mutable {
        loop.trace(EventKind::task_timeout, 0, traced, 0, loop.time_ns(), {});
        if (!waiter.done())
            waiter.set_result();
    }, "wait_for timeout");
    Finally cancel_timer{[&] { timeout_handle.cancel(); }};
    const std::uint64_t cb = fut.add_done_callback(releaser(waiter));
    std::exception_ptr outer_cancelled;
    try {
        co_await waiter;
    } catch (const CancelledError&) {
        outer_cancelled = std::current_exception();
    }
    if (outer_cancelled) {
        if (fut.done())
            co_return false;  // 3.11: the result wins over the cancellation
        fut.remove_done_callback(cb);
        co_await cancel_and_wait(fut);
        std::rethrow_exception(outer_cancelled);
    }
    if (fut.done())
        co_return false;
    fut.remove_done_callback(cb);
    co_await cancel_and_wait(fut);
    co_return fut.cancelled();
}

}  // namespace aio::detail
