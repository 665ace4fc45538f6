#include <engine/wait_for.hpp>
#include <engine/waiter_list.hpp>

#include <cstdio>

namespace aio::detail {

namespace {

// What wait_for (and cancel_and_wait) sleep on: done once the awaited future is
// (through a done hook, so nothing is allocated per wait) or the timeout fires.
// To the trace and to cancellation it is a plain future of kind `timeout`.
class WakeFuture final : public FutureBase {
public:
    using FutureBase::FutureBase;
    WaitKind wait_kind() const noexcept override { return WaitKind::timeout; }
    void* value_ptr() noexcept override { return status_ == FutureStatus::finished ? &unit_ : nullptr; }
    void on_done_hook(FutureBase&) override { wake(); }
    void wake()
    {
        if (!done())
            finish();
    }

private:
    std::monostate unit_;
};

// wait_for's timer: traced as the callback "wait_for timeout", as a call_later would be.
class TimeoutTimer final : public CallbackRunnable {
public:
    TimeoutTimer(Ref<WakeFuture> waiter, ObjectId traced) : waiter_(std::move(waiter)), traced_(traced) {}
    void run() override
    {
        EventLoop& loop = waiter_->loop();
        loop.trace(EventKind::task_timeout, 0, traced_, 0, loop.time_ns(), {});
        waiter_->wake();
    }
    std::string_view name() const noexcept override { return "wait_for timeout"; }

private:
    void drop() noexcept override { waiter_.reset(); }
    Ref<WakeFuture> waiter_;
    ObjectId traced_;
};

}  // namespace

Task<void> cancel_and_wait(FutureRef fut)
{
    Ref<WakeFuture> waiter(new WakeFuture(fut->loop()));
    fut->add_done_hook(waiter.get());
    Finally remove{[&] { fut->remove_done_hook(waiter.get()); }};
    fut.cancel();
    co_await FutureAwaiter<void>{waiter.get()};
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
    Ref<WakeFuture> waiter(new WakeFuture(loop));
    const ObjectId traced = fut->id();
    // As loop.call_later(timeout, ...) would.
    loop.check_open();
    Ref<TimeoutTimer> timer(new TimeoutTimer(waiter, traced));
    timer->when_ns_ = loop.time_ns() + seconds_to_ns(*timeout);
    loop.push_timer(timer->when_ns_, timer);
    Finally cancel_timer{[&] { timer->cancel(); }};
    fut->add_done_hook(waiter.get());
    std::exception_ptr outer_cancelled;
    try {
        co_await FutureAwaiter<void>{waiter.get()};
    } catch (const CancelledError&) {
        outer_cancelled = std::current_exception();
    }
    if (outer_cancelled) {
        if (fut.done())
            co_return false;  // 3.11: the result wins over the cancellation
        fut->remove_done_hook(waiter.get());
        co_await cancel_and_wait(fut);
        std::rethrow_exception(outer_cancelled);
    }
    if (fut.done())
        co_return false;
    fut->remove_done_hook(waiter.get());
    co_await cancel_and_wait(fut);
    co_return fut.cancelled();
}

}  // namespace aio::detail
