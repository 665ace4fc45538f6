// FastPathAwaiter: the base of awaitables for operations that usually complete at
// once (Queue.put on a queue with room, Queue.get on one with items). The derived
// awaitable does the work in await_ready when it can; only when it must wait does
// it make the waiting path, a Task, and await that inline. The common case then
// costs no coroutine frame. Loop thread only, like the operations it serves.
#pragma once

#include <engine/task.hpp>

#include <coroutine>
#include <optional>

namespace aio::detail {

template <class T>
class FastPathAwaiter {
protected:
    // From await_suspend: run `slow` inline, resuming `awaiting` when it ends.
    void await_slow(Task<T> slow, std::coroutine_handle<> awaiting)
    {
        slow_.emplace(std::move(slow));
        awaiter_ = std::move(*slow_).operator co_await();
        awaiter_.await_suspend(awaiting);
    }
    bool took_slow_path() const noexcept { return slow_.has_value(); }
    // The waiting path's result (or its exception).
    T slow_result() { return awaiter_.await_resume(); }

private:
    std::optional<Task<T>> slow_;  // owns the frame until the awaitable is destroyed
    typename Task<T>::Awaiter awaiter_{};
};

}  // namespace aio::detail
