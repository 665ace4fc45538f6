// asyncio.to_thread: run a blocking callable on the running loop's worker pool and
// await its result (or its exception). Cancelling the awaiting task does not stop
// a callable that already runs (no thread can be stopped); the task gets
// CancelledError at once and the result is dropped. A callable still queued for a
// free worker is withdrawn and never runs. Call from a task on the loop's thread;
// fn and args are moved to the worker thread, which must be all they share.
#pragma once

#include <engine/thread_pool.hpp>

#include <functional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

namespace aio {

template <class F, class... A>
Task<std::remove_cvref_t<std::invoke_result_t<F&, A&...>>> to_thread(F fn, A... args)
{
    EventLoop* loop = EventLoop::running_loop();
    if (!loop)
        throw RuntimeError("no running event loop");
    co_return co_await loop->thread_pool().run(
        "to_thread", [fn = std::move(fn), bound = std::make_tuple(std::move(args)...)]() mutable {
            return std::apply(fn, bound);
        });
}

}  // namespace aio
