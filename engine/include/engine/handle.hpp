// Handles to scheduled callbacks (asyncio.Handle / TimerHandle). Loop thread only.
#pragma once

#include <engine/frame_pool.hpp>
#include <engine/ref.hpp>
#include <engine/trace.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

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

    // Internal scratch flag for one synchronous pass over many objects (gather
    // uses it to skip duplicate futures); always false between passes. It sits
    // in padding, so it costs no memory.
    bool scratch_mark_ = false;

protected:
    friend class ::aio::EventLoop;
    // Marks a timer cancelled and tells its loop (so the heap can be compacted).
    void cancel_timer() noexcept;
    bool in_timer_heap_ = false;
    bool cancelled_ = false;
    Kind kind_ = Kind::internal;
};

// Base of everything the loop runs and traces as a callback (callback_begin/end,
// exceptions go to the exception handler): call_soon/call_later callbacks, done
// callbacks, the engine's own timers.
class CallbackRunnable : public Runnable {
public:
    void cancel() noexcept
    {
        if (cancelled_)
            return;
        cancel_timer();
        drop();  // drop what the callback holds, as asyncio does
    }
    virtual std::string_view name() const noexcept = 0;
    std::int64_t when_ns() const noexcept { return when_ns_; }
    ObjectId id = 0;
    std::int64_t when_ns_ = 0;

protected:
    CallbackRunnable() noexcept { kind_ = Kind::callback; }
    // Releases what the callback holds (it will not run).
    virtual void drop() noexcept = 0;
};

// A callback given as a function (call_soon, call_later, call_soon_threadsafe).
class FunctionCallback final : public CallbackRunnable {
public:
    FunctionCallback(std::function<void()> fn, std::string name) : fn_(std::move(fn)), name_(std::move(name)) {}
    void run() override { fn_(); }
    std::string_view name() const noexcept override { return name_; }

private:
    void drop() noexcept override { fn_ = nullptr; }
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
