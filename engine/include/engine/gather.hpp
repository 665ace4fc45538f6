// asyncio.gather: run futures/tasks concurrently; the result lists them in
// argument order once all are done. Without return_exceptions the first failure
// (or cancellation) completes the gather at once while the others keep running.
// Cancelling the gather cancels every child. Loop thread only.
#pragma once

#include <engine/task.hpp>

#include <vector>

namespace aio {

namespace detail {

class GatherState final : public FutureBase {
public:
    GatherState(EventLoop& loop, std::vector<FutureRef> children, bool return_exceptions);
    bool cancel(std::string message = {}) override;
    void* value_ptr() noexcept override { return done_children_ ? &*done_children_ : nullptr; }
    WaitKind wait_kind() const noexcept override { return WaitKind::gather; }
    std::string describe() const override;
    const FutureBase* first_pending_awaited() const noexcept override;
    void start();
    void on_done_hook(FutureBase& child) override { child_done(child); }

private:
    void child_done(FutureBase& child);

    std::vector<FutureRef> children_;
    std::optional<std::vector<FutureRef>> done_children_;
    std::size_t unique_ = 0;
    std::size_t finished_ = 0;
    bool return_exceptions_;
    bool cancel_requested_ = false;
};

}  // namespace detail

// The gather's future: its result is the children, all done, in argument order;
// read each one's result (or exception, with return_exceptions).
class GatherFuture : public FutureRef {
public:
    explicit GatherFuture(detail::Ref<FutureBase> s) : FutureRef(std::move(s)) {}
    std::vector<FutureRef> result() const { return detail::future_result<std::vector<FutureRef>>(*s_); }
    detail::FutureAwaiter<std::vector<FutureRef>> operator co_await() const noexcept { return {s_.get()}; }
};

GatherFuture gather(EventLoop& loop, std::vector<FutureRef> children, bool return_exceptions = false);

// Typed convenience: the results of tasks of one type, in order.
template <class T>
    requires(!std::is_void_v<T>)
Task<std::vector<T>> gather(std::vector<TaskHandle<T>> tasks)
{
    std::vector<FutureRef> refs(tasks.begin(), tasks.end());
    EventLoop* loop = EventLoop::running_loop();
    if (!loop)
        throw RuntimeError("no running event loop");
    co_await gather(*loop, std::move(refs));
    std::vector<T> out;
    out.reserve(tasks.size());
    for (auto& t : tasks)
        out.push_back(t.result());
    co_return out;
}

// Typed convenience for tasks without results: waits for all; the first failure propagates.
Task<void> gather(std::vector<TaskHandle<void>> tasks);

}  // namespace aio
