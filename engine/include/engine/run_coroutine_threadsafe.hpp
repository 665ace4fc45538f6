// asyncio.run_coroutine_threadsafe and the thread-safe future it returns
// (concurrent.futures.Future). Any thread may submit a coroutine to a loop and
// wait for, poll or cancel its result. Done callbacks run on the thread that
// completes the future: the loop's thread for a result, the cancelling thread for
// cancel(), the adding thread if it is already done.
// If the loop drops the work unrun (it was closed and is destroyed) the future
// fails with RuntimeError("Event loop is closed"); if the loop is destroyed with
// the task still pending, the future is cancelled. Nobody waits forever.
// Do not call cancel() while the loop is being destroyed on another thread, and
// do not post to a loop from a callback that its destruction runs.
#pragma once

#include <engine/errors.hpp>
#include <engine/event_loop.hpp>
#include <engine/task.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace aio {

template <class T>
class ConcurrentFuture;

namespace detail {

template <class T>
struct ConcurrentState {
    std::mutex mutex;
    std::condition_variable cv;
    FutureStatus status = FutureStatus::pending;
    std::optional<storage_t<T>> value;
    std::exception_ptr error;
    std::vector<std::function<void(const ConcurrentFuture<T>&)>> callbacks;
    EventLoop* loop = nullptr;
    // Loop thread only: the task while it is pending (the loop holds it alive).
    TaskBase* task = nullptr;
};

}  // namespace detail

template <class T>
class ConcurrentFuture {
public:
    using Callback = std::function<void(const ConcurrentFuture<T>&)>;

    ConcurrentFuture() = default;
    explicit ConcurrentFuture(std::shared_ptr<detail::ConcurrentState<T>> s) : s_(std::move(s)) {}

    bool done() const
    {
        std::lock_guard lock(s_->mutex);
        return s_->status != FutureStatus::pending;
    }
    bool cancelled() const
    {
        std::lock_guard lock(s_->mutex);
        return s_->status == FutureStatus::cancelled;
    }

    // Blocks until done; returns the result or throws the exception / CancelledError.
    T result() const
    {
        std::unique_lock lock(s_->mutex);
        s_->cv.wait(lock, [&] { return s_->status != FutureStatus::pending; });
        return take(lock);
    }
    // As result(), but throws TimeoutError if not done within `timeout_seconds`.
    T result(double timeout_seconds) const
    {
        std::unique_lock lock(s_->mutex);
        wait_until_done(lock, timeout_seconds);
        return take(lock);
    }
    // The exception (null for a result); throws CancelledError / TimeoutError.
    std::exception_ptr exception() const
    {
        std::unique_lock lock(s_->mutex);
        s_->cv.wait(lock, [&] { return s_->status != FutureStatus::pending; });
        return error_of(lock);
    }
    std::exception_ptr exception(double timeout_seconds) const
    {
        std::unique_lock lock(s_->mutex);
        wait_until_done(lock, timeout_seconds);
        return error_of(lock);
    }

    // Cancels a pending future now (waiters wake with CancelledError) and asks the
    // loop to cancel the task. False if it is already done.
    bool cancel() const
    {
        if (!complete(s_, FutureStatus::cancelled, std::nullopt, nullptr))
            return false;
        auto s = s_;
        s->loop->call_soon_threadsafe([s] {
            if (s->task)
                s->task->cancel();
        });
        return true;
    }

    void add_done_callback(Callback cb) const
    {
        {
            std::lock_guard lock(s_->mutex);
            if (s_->status == FutureStatus::pending) {
                s_->callbacks.push_back(std::move(cb));
                return;
            }
        }
        call_callback(cb, *this);
    }

    explicit operator bool() const noexcept { return bool(s_); }

    // Internal: completes a pending state and runs its callbacks on this thread.
    static bool complete(const std::shared_ptr<detail::ConcurrentState<T>>& s, FutureStatus how,
                         std::optional<detail::storage_t<T>> value, std::exception_ptr error)
    {
        std::vector<Callback> callbacks;
        {
            std::lock_guard lock(s->mutex);
            if (s->status != FutureStatus::pending)
                return false;
            s->status = how;
            s->value = std::move(value);
            s->error = std::move(error);
            callbacks.swap(s->callbacks);
        }
        s->cv.notify_all();
        const ConcurrentFuture<T> self(s);
        for (auto& cb : callbacks)
            call_callback(cb, self);
        return true;
    }

private:
    static void call_callback(const Callback& cb, const ConcurrentFuture<T>& f)
    {
        // One failing callback must not keep the others from running.
        try {
            cb(f);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "exception calling callback for future: %s\n", e.what());
        } catch (...) {
            std::fprintf(stderr, "exception calling callback for future\n");
        }
    }
    void wait_until_done(std::unique_lock<std::mutex>& lock, double timeout_seconds) const
    {
        const auto limit = std::chrono::duration<double>(timeout_seconds > 0 ? timeout_seconds : 0);
        if (!s_->cv.wait_for(lock, limit, [&] { return s_->status != FutureStatus::pending; }))
            throw TimeoutError();
    }
    T take(std::unique_lock<std::mutex>&) const
    {
        if (s_->status == FutureStatus::cancelled)
            throw CancelledError();
        if (s_->error)
            std::rethrow_exception(s_->error);
        if constexpr (!std::is_void_v<T>)
            return *s_->value;
    }
    std::exception_ptr error_of(std::unique_lock<std::mutex>&) const
    {
        if (s_->status == FutureStatus::cancelled)
            throw CancelledError();
        return s_->error;
    }

    std::shared_ptr<detail::ConcurrentState<T>> s_;
};

namespace detail {

// Loop side of one submission. Dropped unrun (closed loop) it fails the future;
// its completer, held by the task's done callback, cancels the future if the loop
// destroys the callback without calling it.
template <class T>
struct Submission {
    std::shared_ptr<ConcurrentState<T>> state;
    Task<T> coro;
    bool ran = false;
    ~Submission()
    {
        if (!ran && state)
            ConcurrentFuture<T>::complete(state, FutureStatus::finished, std::nullopt,
                                          std::make_exception_ptr(RuntimeError("Event loop is closed")));
    }
};

template <class T>
struct Completer {
    std::shared_ptr<ConcurrentState<T>> state;
    void copy_from(FutureBase& f)
    {
        state->task = nullptr;
        if (f.cancelled()) {
            ConcurrentFuture<T>::complete(state, FutureStatus::cancelled, std::nullopt, nullptr);
        } else if (std::exception_ptr e = f.exception()) {
            ConcurrentFuture<T>::complete(state, FutureStatus::finished, std::nullopt, std::move(e));
        } else if constexpr (std::is_void_v<T>) {
            ConcurrentFuture<T>::complete(state, FutureStatus::finished, std::monostate{}, nullptr);
        } else {
            ConcurrentFuture<T>::complete(state, FutureStatus::finished, future_result<T>(f), nullptr);
        }
    }
    ~Completer()
    {
        if (!state)
            return;
        state->task = nullptr;
        ConcurrentFuture<T>::complete(state, FutureStatus::cancelled, std::nullopt, nullptr);
    }
};

}  // namespace detail

// Any thread. The coroutine becomes a task on `loop` (in the loop's next iteration).
template <class T>
ConcurrentFuture<T> run_coroutine_threadsafe(Task<T> coro, EventLoop& loop)
{
    auto state = std::make_shared<detail::ConcurrentState<T>>();
    state->loop = &loop;
    auto sub = std::make_shared<detail::Submission<T>>();
    sub->state = state;
    sub->coro = std::move(coro);
    loop.call_soon_threadsafe([sub = std::move(sub)] {
        sub->ran = true;
        auto& s = sub->state;
        EventLoop& l = *s->loop;
        TaskHandle<T> task = l.create_task(std::move(sub->coro));
        s->task = task.task();
        auto completer = std::make_shared<detail::Completer<T>>();
        completer->state = s;
        task.add_done_callback([completer](FutureBase& f) { completer->copy_from(f); });
    });
    return ConcurrentFuture<T>(std::move(state));
}

}  // namespace aio
