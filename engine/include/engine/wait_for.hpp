// asyncio.wait_for (3.11's algorithm) and asyncio.shield. Loop thread only.
#pragma once

#include <engine/task.hpp>

#include <optional>

namespace aio {

namespace detail {
// Waits for `fut` with a timeout. Returns false when the caller should return
// fut's result, true when it timed out (the inner awaitable was cancelled and
// has finished its cleanup: raise TimeoutError); throws CancelledError when the
// waiting task itself was cancelled. (A flag, not a throw: cancellation paths
// are hot in programs with many timeouts, and every C++ throw unwinds frames.)
Task<bool> wait_for_done(FutureRef fut, std::optional<double> timeout);
// Cancels fut and waits until it is done (its cleanup included).
Task<void> cancel_and_wait(FutureRef fut);
}  // namespace detail

// On timeout: cancels the inner task, waits for its cleanup, raises TimeoutError.
// If the inner task swallows the cancellation, its result is returned (3.11).
template <class T>
Task<T> wait_for(TaskHandle<T> task, std::optional<double> timeout)
{
    // A named bool, not `if (co_await ...)`: GCC 12 skips the coroutine body for the
    // condition form when the parameter converts to FutureRef (see test_combinators).
    const bool timed_out = co_await detail::wait_for_done(task, timeout);
    if (timed_out)
        co_await detail::raise(std::make_exception_ptr(TimeoutError()));  // no throw here: the caller's is enough
    co_return task.result();
}

template <class T>
Task<T> wait_for(Future<T> fut, std::optional<double> timeout)
{
    // A named bool, not `if (co_await ...)`: GCC 12 skips the coroutine body for the
    // condition form when the parameter converts to FutureRef (see test_combinators).
    const bool timed_out = co_await detail::wait_for_done(fut, timeout);
    if (timed_out)
        co_await detail::raise(std::make_exception_ptr(TimeoutError()));  // no throw here: the caller's is enough
    co_return fut.result();
}

template <class T>
Task<T> wait_for(Task<T> coro, std::optional<double> timeout)
{
    EventLoop* loop = EventLoop::running_loop();
    if (!loop)
        throw RuntimeError("no running event loop");
    TaskHandle<T> task = loop->create_task(std::move(coro));
    // A named bool, not `if (co_await ...)`: GCC 12 skips the coroutine body for the
    // condition form when the parameter converts to FutureRef (see test_combinators).
    const bool timed_out = co_await detail::wait_for_done(task, timeout);
    if (timed_out)
        co_await detail::raise(std::make_exception_ptr(TimeoutError()));  // no throw here: the caller's is enough
    co_return task.result();
}

template <AsTask A>
auto wait_for(A op, std::optional<double> timeout) { return wait_for(std::move(op).task(), timeout); }

// asyncio.shield: cancelling the returned future does not cancel `inner`.
template <class T, class Handle>
Future<T> shield(const Handle& inner)
{
    Future<T> outer = inner->loop().template create_future<T>();
    Handle in = inner;
    auto copy_into = [](Future<T>& out, Handle& src) {
        if (src.cancelled()) {
            out.cancel();
        } else if (auto e = src.exception()) {
            out.set_exception(e);
        } else if constexpr (std::is_void_v<T>) {
            out.set_result();
        } else {
            out.set_result(src.result());
        }
    };
    if (in.done()) {
        copy_into(outer, in);
        return outer;
    }
    const std::uint64_t id = in.add_done_callback([outer, in, copy_into](FutureBase&) mutable {
        if (outer.cancelled()) {
            if (!in.cancelled())
                (void)in.exception();
            return;
        }
        copy_into(outer, in);
    });
    outer.add_done_callback([in, id](FutureBase&) mutable {
        if (!in.done())
            in.remove_done_callback(id);
    });
    return outer;
}

template <class T>
Future<T> shield(const TaskHandle<T>& inner) { return shield<T, TaskHandle<T>>(inner); }
template <class T>
Future<T> shield(const Future<T>& inner) { return shield<T, Future<T>>(inner); }

}  // namespace aio
