// Futures: a result that will be set later (asyncio.Future). A future belongs to
// one loop and is used on its thread only. Done callbacks are never called inline:
// completing a future schedules them on the loop, in the order they were added.
#pragma once

#include <engine/errors.hpp>
#include <engine/event_loop.hpp>
#include <engine/trace_text.hpp>

#include <coroutine>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace aio {

enum class FutureStatus : std::uint8_t { pending, cancelled, finished };

namespace detail {
template <class T> using storage_t = std::conditional_t<std::is_void_v<T>, std::monostate, T>;
}

class FutureBase : public detail::Runnable {
public:
    explicit FutureBase(EventLoop& loop) noexcept : loop_(&loop) {}
    ~FutureBase() override;

    EventLoop& loop() const noexcept { return *loop_; }
    FutureStatus status() const noexcept { return status_; }
    bool done() const noexcept { return status_ != FutureStatus::pending; }
    bool cancelled() const noexcept { return status_ == FutureStatus::cancelled; }

    // Returns false if already done; otherwise cancels and schedules the callbacks.
    virtual bool cancel(std::string message = {});
    // The exception, or null. Throws CancelledError if cancelled, InvalidStateError if pending.
    std::exception_ptr exception();
    void set_exception(std::exception_ptr e);
    // Throws what result() would throw, or returns (marks the exception retrieved).
    void check_result();

    using Callback = std::function<void(FutureBase&)>;
    std::uint64_t add_done_callback(Callback cb);
    // Removes the callback with this id; returns how many were removed (0 or 1).
    std::size_t remove_done_callback(std::uint64_t id);

    ObjectId id() noexcept;
    bool is_task() const noexcept { return kind_ == Kind::task; }
    // The resource this future is a waiter of (lock, queue...), for traces and reports.
    virtual Resource* resource() const noexcept { return nullptr; }
    // What a task awaiting this future is waiting for (the timeline's colour).
    virtual WaitKind wait_kind() const noexcept { return is_task() ? WaitKind::task : WaitKind::future; }
    const std::string& cancel_message() const;
    [[noreturn]] void throw_cancelled() const;
    // Typed storage of the result (a detail::storage_t<T>), or null for none.
    virtual void* value_ptr() noexcept { return nullptr; }
    // For messages: "Task 'name'", "Future", "Lock 'db' waiter".
    virtual std::string describe() const;
    // For the deadlock report: the first not-done future this one waits for, when it
    // stands for others (a gather waits for its children); null otherwise.
    virtual const FutureBase* first_pending_awaited() const noexcept { return nullptr; }

    // Internal: a task waits on this future; it is woken when the future is done.
    void add_task_waiter(TaskBase* t);
    void remove_task_waiter(TaskBase* t);
    void run() override {}

    // Internal: an engine done callback that allocates nothing to add. Once this
    // future is done, `listener->on_done_hook(*this)` runs from the ready queue,
    // in order with the other done callbacks and traced as one ("done callback").
    // The entry holds a reference to listener.
    void add_done_hook(FutureBase* listener);
    // Removes listener's first hook entry, if it has not been scheduled yet.
    void remove_done_hook(FutureBase* listener) noexcept;
    virtual void on_done_hook(FutureBase& done) { (void)done; }

protected:
    // Sets the finished state and schedules callbacks.
    void finish();
    void schedule_callbacks();
    void set_cancelled_state(std::string message);
    void throw_if_not_ok();  // result() checks, without marking retrieved
    void clear_callbacks() noexcept;
    void add_entry(std::uintptr_t x);  // appends a tagged callback entry
    bool take_entry(std::uintptr_t x) noexcept;  // removes one entry equal to x; false if none

    EventLoop* loop_;
    std::exception_ptr exception_;
    mutable std::unique_ptr<std::string> cancel_message_;
    // Callbacks: tagged pointers; low bits 00 = TaskBase* (a reference is held),
    // 01 = CallbackBox*, 10 = FutureBase* done-hook listener (a reference is held).
    // Most futures have one, so the first is stored inline.
    std::uintptr_t first_callback_ = 0;
    std::unique_ptr<std::vector<std::uintptr_t>> more_callbacks_;
    ObjectId id_ = 0;
    FutureStatus status_ = FutureStatus::pending;
    bool log_traceback_ = false;
};

// A type-erased handle to a future (shared ownership, loop thread only).
class FutureRef {
public:
    FutureRef() = default;
    explicit FutureRef(detail::Ref<FutureBase> s) : s_(std::move(s)) {}
    bool done() const { return s_->done(); }
    bool cancelled() const { return s_->cancelled(); }
    bool cancel(std::string message = {}) { return s_->cancel(std::move(message)); }
    std::exception_ptr exception() const { return s_->exception(); }
    std::uint64_t add_done_callback(FutureBase::Callback cb) { return s_->add_done_callback(std::move(cb)); }
    std::size_t remove_done_callback(std::uint64_t id) { return s_->remove_done_callback(id); }
    FutureBase* get() const noexcept { return s_.get(); }
    FutureBase* operator->() const noexcept { return s_.get(); }
    explicit operator bool() const noexcept { return bool(s_); }
    friend bool operator==(const FutureRef& a, const FutureRef& b) { return a.s_ == b.s_; }

protected:
    detail::Ref<FutureBase> s_;
};

namespace detail {

// The result of a done future, as result() returns it (moves nothing out: several
// tasks may await one future).
template <class T>
T future_result(FutureBase& f)
{
    f.check_result();
    if constexpr (!std::is_void_v<T>)
        return *static_cast<storage_t<T>*>(f.value_ptr());
}

// co_await on any future or task: suspends the current task until it is done.
template <class T>
struct FutureAwaiter {
    FutureBase* f;
    TaskBase* task = nullptr;
    bool await_ready() const noexcept { return f->done(); }
    void await_suspend(std::coroutine_handle<> h);
    T await_resume();
};

// co_await until a future is done, without reading its result (only the
// waiting task's own cancellation is raised).
struct DoneAwaiter {
    FutureBase* f;
    TaskBase* task = nullptr;
    bool await_ready() const noexcept { return f->done(); }
    void await_suspend(std::coroutine_handle<> h);
    void await_resume();
};

template <class T>
class ValueFuture final : public FutureBase {
public:
    using FutureBase::FutureBase;
    void* value_ptr() noexcept override { return value_ ? &*value_ : nullptr; }
    Resource* resource() const noexcept override { return resource_; }
    WaitKind wait_kind() const noexcept override { return kind_; }
    std::optional<storage_t<T>> value_;
    Resource* resource_ = nullptr;
    WaitKind kind_ = WaitKind::future;
    void set(storage_t<T> v)
    {
        if (done())
            throw InvalidStateError("invalid state: future is already done");
        value_.emplace(std::move(v));
        finish();
    }
};

}  // namespace detail

template <class T>
class Future : public FutureRef {
public:
    Future() = default;
    explicit Future(EventLoop& loop) : FutureRef(detail::Ref<FutureBase>(new detail::ValueFuture<T>(loop))) {}

    // Returns the result, or throws the exception / CancelledError / InvalidStateError.
    T result() const { return detail::future_result<T>(*s_); }
    template <class U = T>
        requires(!std::is_void_v<U>)
    void set_result(U value) { state().set(std::move(value)); }
    template <class U = T>
        requires std::is_void_v<U>
    void set_result() { state().set(std::monostate{}); }
    void set_exception(std::exception_ptr e) { s_->set_exception(std::move(e)); }
    // Marks this future as a waiter of a resource (a lock, a queue...), for traces and reports.
    void set_resource(Resource* r, WaitKind kind = WaitKind::future)
    {
        state().resource_ = r;
        state().kind_ = kind;
    }
    void set_wait_kind(WaitKind kind) { state().kind_ = kind; }

    detail::FutureAwaiter<T> operator co_await() const noexcept { return {s_.get()}; }

private:
    detail::ValueFuture<T>& state() const { return static_cast<detail::ValueFuture<T>&>(*s_); }
};

template <class T>
Future<T> EventLoop::create_future()
{
    return Future<T>(*this);
}

}  // namespace aio
