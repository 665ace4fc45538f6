// asyncio.timeout / timeout_at: a scope that cancels the task running it when
// its deadline passes, and turns that cancellation into TimeoutError on exit.
// Reschedulable; expired() tells whether it fired. Loop thread only; a Timeout
// must stay where it is while entered (it is not movable).
#pragma once

#include <engine/task.hpp>

#include <optional>

namespace aio {

class Timeout {
public:
    // `when` is an absolute loop time in seconds; nullopt = no deadline.
    Timeout(EventLoop& loop, std::optional<double> when) : loop_(&loop), when_(when) {}
    Timeout(const Timeout&) = delete;
    Timeout& operator=(const Timeout&) = delete;
    ~Timeout() { handle_.cancel(); }

    std::optional<double> when() const noexcept { return when_; }
    // RuntimeError("Cannot change state of expired Timeout") unless entered and running.
    void reschedule(std::optional<double> when);
    bool expired() const noexcept { return state_ == State::expiring || state_ == State::expired; }

    // __aenter__ (in the task that the scope belongs to).
    void enter();
    // __aexit__: `exc` is what leaves the scope (null: nothing); a CancelledError
    // caused by this timeout becomes TimeoutError.
    void exit(std::exception_ptr& exc);

    // Runs body inside the scope: async with asyncio.timeout(...): await body
    template <class T>
    Task<T> run(Task<T> body);

private:
    enum class State { created, entered, expiring, expired, exited };
    void on_timeout();

    EventLoop* loop_;
    std::optional<double> when_;
    Handle handle_;
    TaskRef task_;
    int cancelling_ = 0;
    State state_ = State::created;
};

template <class T>
Task<T> Timeout::run(Task<T> body)
{
    enter();
    std::exception_ptr exc;
    if constexpr (std::is_void_v<T>) {
        try {
            co_await std::move(body);
        } catch (...) {
            exc = std::current_exception();
        }
        exit(exc);
        if (exc)
            std::rethrow_exception(exc);
    } else {
        std::optional<T> value;
        try {
            value.emplace(co_await std::move(body));
        } catch (...) {
            exc = std::current_exception();
        }
        exit(exc);
        if (exc)
            std::rethrow_exception(exc);
        co_return std::move(*value);
    }
}

// A scope with a deadline `delay` seconds from now (nullopt: none).
inline std::optional<double> deadline_in(EventLoop& loop, std::optional<double> delay)
{
    return delay ? std::optional<double>(loop.time() + *delay) : std::nullopt;
}

}  // namespace aio
