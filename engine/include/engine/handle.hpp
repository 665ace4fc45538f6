// Handles to scheduled callbacks (asyncio.Handle / TimerHandle). Loop thread only.
#pragma once

#include <engine/frame_pool.hpp>
#include <engine/ref.hpp>
#include <engine/trace.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace aio {

class EventLoop;

namespace detail {

// Anything the loop's ready queue or timer heap can run: callbacks, task steps, timers.
class Runnable : public RefCounted, public Pooled {
public:
    virtual void run() = 0;
    bool cancelled() const noexcept { return cancelled_; }

    enum class Kind : std::uint8_t { internal, task, callback };
    Kind runnable_kind() const noexcept { return kind_; }

protected:
    friend class ::aio::EventLoop;
    // Marks a timer cancelled and tells its loop (so the heap can be compacted).
    void cancel_timer() noexcept;
    bool in_timer_heap_ = false;
    bool cancelled_ = false;
    Kind kind_ = Kind::internal;
};

class CallbackRunnable final : public Runnable {
public:
    CallbackRunnable(std::function<void()> fn, std::string name) : fn_(std::move(fn)), name_(std::move(name)) { kind_ = Kind::callback; }
    void run() override { fn_(); }
    void cancel() noexcept
    {
        if (cancelled_)
            return;
        cancel_timer();
        fn_ = nullptr;  // drop what the callback holds, as asyncio does
    }
    const std::string& name() const noexcept { return name_; }
    std::int64_t when_ns() const noexcept { return when_ns_; }
    ObjectId id = 0;
    std::int64_t when_ns_ = 0;

private:
    std::function<void()> fn_;
    std::string name_;
};

}  // namespace detail

// What call_soon returns: cancel() stops the callback if it has not run yet.
class Handle {
public:
    Handle() = default;
    explicit Handle(detail::Ref<detail::CallbackRunnable> r) : r_(std::move(r)) {}
    void cancel() { if (r_) r_->cancel(); }
    bool cancelled() const { return r_ && r_->cancelled(); }
    explicit operator bool() const { return bool(r_); }

protected:
    detail::Ref<detail::CallbackRunnable> r_;
};

// What call_later / call_at return; when() is the deadline in loop seconds.
class TimerHandle : public Handle {
public:
    using Handle::Handle;
    double when() const { return r_ ? double(r_->when_ns()) / 1e9 : 0.0; }
    std::int64_t when_ns() const { return r_ ? r_->when_ns() : 0; }
};

}  // namespace aio
