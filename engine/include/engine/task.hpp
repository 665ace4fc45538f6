// Coroutines and tasks.
//
// Task<T> is a lazy coroutine: nothing runs until it is awaited or handed to
// create_task. Awaiting a Task<T> directly runs it inline in the awaiting task;
// control passes between the two through the task's step loop (a trampoline,
// the portable form of symmetric transfer), so a million nested or consecutive
// awaits use no stack, at any optimisation level and under sanitizers.
// create_task wraps it in a scheduled asyncio-style task (TaskHandle<T>) that runs
// in steps from the loop's ready queue. A suspended coroutine is only ever
// resumed from the ready queue, never inside another call's stack.
// Loop thread only.
#pragma once

#include <engine/frame_pool.hpp>
#include <engine/future.hpp>

#include <cassert>
#include <coroutine>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace aio {

template <class T = void>
class Task;

namespace detail {

// The next coroutine to resume, handed from an awaiter to the task's step loop
// (a trampoline). Symmetric transfer by returning a handle from await_suspend
// needs the compiler to make a tail call, which GCC does not do at -O0 or under
// ASan; handing the handle to a loop keeps the stack flat in every build.
inline thread_local std::coroutine_handle<> t_next_resume{};

// Resumes h, then whatever it hands on, until nothing is handed on.
inline void resume_chain(std::coroutine_handle<> h)
{
    while (h) {
        t_next_resume = {};
        h.resume();
        h = std::exchange(t_next_resume, {});
    }
}

class TaskPromiseBase {
public:
    // Coroutine frames come from the engine's pool.
    static void* operator new(std::size_t size) { return pool_allocate(size); }
    static void operator delete(void* p, std::size_t size) noexcept { pool_deallocate(p, size); }

    std::coroutine_handle<> continuation;  // who awaits us inline (none for a task's root)
    std::exception_ptr exception;

    std::suspend_always initial_suspend() const noexcept { return {}; }
    struct FinalAwaiter {
        bool await_ready() const noexcept { return false; }
        template <class P>
        void await_suspend(std::coroutine_handle<P> h) noexcept
        {
            // Back to whoever awaited us inline (none for a task's root).
            t_next_resume = h.promise().continuation;
        }
        void await_resume() const noexcept {}
    };
    FinalAwaiter final_suspend() const noexcept { return {}; }
    void unhandled_exception() noexcept { exception = std::current_exception(); }
};

template <class T>
class TaskPromise final : public TaskPromiseBase {
public:
    Task<T> get_return_object() noexcept;
    template <class U>
    void return_value(U&& v) { value.emplace(std::forward<U>(v)); }
    std::optional<T> value;
    T take()
    {
        if (exception)
            std::rethrow_exception(exception);
        return std::move(*value);
    }
};

template <>
class TaskPromise<void> final : public TaskPromiseBase {
public:
    Task<void> get_return_object() noexcept;
    void return_void() noexcept {}
    void take()
    {
        if (exception)
            std::rethrow_exception(exception);
    }
};

}  // namespace detail

template <class T>
class [[nodiscard]] Task {
public:
    using promise_type = detail::TaskPromise<T>;
    using handle_type = std::coroutine_handle<promise_type>;

    Task() noexcept = default;
    explicit Task(handle_type h) noexcept : h_(h) {}
    Task(Task&& o) noexcept : h_(std::exchange(o.h_, {})) {}
    Task& operator=(Task&& o) noexcept
    {
        if (this != &o) {
            if (h_)
                h_.destroy();
            h_ = std::exchange(o.h_, {});
        }
        return *this;
    }
    ~Task()
    {
        if (h_)
            h_.destroy();
    }

    explicit operator bool() const noexcept { return bool(h_); }
    handle_type release() noexcept { return std::exchange(h_, {}); }

    struct Awaiter {
        handle_type h;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> awaiting) noexcept
        {
            h.promise().continuation = awaiting;
            detail::t_next_resume = h;  // the step loop starts it next
        }
        T await_resume() { return h.promise().take(); }
    };
    Awaiter operator co_await() && noexcept { return Awaiter{h_}; }

private:
    handle_type h_;
};

namespace detail {

// `co_await raise(e)` ends the awaiting Task coroutine with exception e as if it
// had thrown it, but without a C++ throw when it was awaited inline: the awaiter
// rethrows it once, where user code catches it, instead of twice. A task's root
// coroutine (no one awaits it inline) throws as usual, so the task finishes.
// The coroutine stays suspended here until its Task destroys it.
struct RaiseAwaiter {
    std::exception_ptr e;
    bool await_ready() const noexcept { return false; }
    template <class P>
    void await_suspend(std::coroutine_handle<P> h)
    {
        auto& p = h.promise();
        if (!p.continuation)
            std::rethrow_exception(std::move(e));
        p.exception = std::move(e);
        t_next_resume = p.continuation;
    }
    void await_resume() const noexcept {}
};
inline RaiseAwaiter raise(std::exception_ptr e) noexcept { return {std::move(e)}; }

template <class T>
Task<T> TaskPromise<T>::get_return_object() noexcept { return Task<T>(std::coroutine_handle<TaskPromise<T>>::from_promise(*this)); }
inline Task<void> TaskPromise<void>::get_return_object() noexcept { return Task<void>(std::coroutine_handle<TaskPromise<void>>::from_promise(*this)); }
}  // namespace detail

// The scheduled part of a task: asyncio.Task's state machine.
class TaskBase : public FutureBase {
public:
    ~TaskBase() override;

    bool cancel(std::string message = {}) override;
    int cancelling() const noexcept { return num_cancels_requested_; }
    int uncancel() noexcept
    {
        if (num_cancels_requested_ > 0)
            --num_cancels_requested_;
        return num_cancels_requested_;
    }
    std::string get_name() const;
    void set_name(std::string name);
    // What the task awaits now (a future or task), if suspended on one.
    FutureBase* waiting_on() const noexcept { return fut_waiter_.get(); }
    // What the task itself waits on now (yield, sleep, lock...).
    WaitKind waiting_kind() const noexcept { return wait_kind_; }
    bool started() const noexcept { return started_; }
    std::string describe() const override;

    // One step: resume the coroutine where it stopped (asyncio's __step).
    void run() override;

    // Internal, for awaiters: the task suspends on `f` (woken when it is done).
    void suspend_on(FutureBase& f, std::coroutine_handle<> h, WaitKind kind = WaitKind::none, std::string_view what = {});
    // The task yields once (asyncio's bare yield / sleep(0)). Inline: it is the
    // whole cost of a switch besides the step itself.
    void suspend_yield(std::coroutine_handle<> h)
    {
        resume_point_ = h;
        wait_kind_ = WaitKind::yield;
        if (loop_->tracer()) [[unlikely]]
            trace_yield();
        add_ref();  // the ready queue's reference
        loop_->schedule_adopted(this);
    }
    // After a suspension: throws the exception the step was asked to raise (cancellation).
    void rethrow_injected()
    {
        // While a task is pending, exception_ holds what its next step must raise.
        if (exception_) [[unlikely]]
            std::rethrow_exception(std::exchange(exception_, nullptr));
    }
    // The loop is shutting down: drop the coroutine without running it.
    void abandon() noexcept;

protected:
    TaskBase(EventLoop& loop, std::coroutine_handle<> root, std::string&& name);  // moved from only when not empty
    // Moves the root coroutine's result into the future.
    virtual void take_root_result() = 0;
    // The root coroutine's promise (root_ must be alive).
    virtual detail::TaskPromiseBase& root_promise() noexcept = 0;
    // The result as a short text, for the trace.
    virtual std::string result_text() const = 0;
    void finish_from_root();
    void trace_yield();

    friend class EventLoop;
    std::coroutine_handle<> root_;
    std::coroutine_handle<> resume_point_;
    detail::Ref<FutureBase> fut_waiter_;
    std::unique_ptr<std::string> name_;
    std::uint32_t number_ = 0;
    int num_cancels_requested_ = 0;
    WaitKind wait_kind_ = WaitKind::none;
    bool must_cancel_ = false;
    bool started_ = false;
    bool registered_ = false;
    std::uint32_t pending_index_ = 0;  // in the loop's pending_tasks_
};

namespace detail {

template <class T>
class TaskState final : public TaskBase {
public:
    TaskState(EventLoop& loop, typename Task<T>::handle_type h, std::string&& name)
        : TaskBase(loop, h, std::move(name)) {}
    void* value_ptr() noexcept override { return value_ ? &*value_ : nullptr; }

private:
    TaskPromiseBase& root_promise() noexcept override
    {
        return std::coroutine_handle<TaskPromise<T>>::from_address(root_.address()).promise();
    }
    void take_root_result() override
    {
        auto& p = std::coroutine_handle<TaskPromise<T>>::from_address(root_.address()).promise();
        if constexpr (std::is_void_v<T>)
            value_.emplace();
        else
            value_.emplace(std::move(*p.value));
    }
    std::string result_text() const override
    {
        if constexpr (std::is_void_v<T>)
            return {};
        else
            return value_ ? trace_text(*value_) : std::string();
    }
    std::optional<storage_t<T>> value_;
};

}  // namespace detail

// A type-erased handle to a task.
class TaskRef : public FutureRef {
public:
    TaskRef() = default;
    explicit TaskRef(TaskBase* t) : FutureRef(detail::Ref<FutureBase>(t)) {}
    TaskBase* task() const noexcept { return static_cast<TaskBase*>(s_.get()); }
    TaskBase* operator->() const noexcept { return task(); }
    std::string get_name() const { return task()->get_name(); }
    void set_name(std::string n) { task()->set_name(std::move(n)); }
    int cancelling() const { return task()->cancelling(); }
    int uncancel() { return task()->uncancel(); }
    ObjectId id() const { return s_->id(); }
};

// What create_task returns: the task, awaitable by any number of other tasks.
template <class T>
class TaskHandle : public TaskRef {
public:
    TaskHandle() = default;
    explicit TaskHandle(TaskBase* t) : TaskRef(t) {}
    T result() const { return detail::future_result<T>(*s_); }
    detail::FutureAwaiter<T> operator co_await() const noexcept { return {s_.get()}; }
};

// The task that is running now on this thread's running loop, or an empty ref.
TaskRef current_task();

// ---------------------------------------------------------------- templates

namespace detail {
// The current task suspends until `f` is done; returns that task.
TaskBase* suspend_current_task_on(FutureBase* f, std::coroutine_handle<> h);
}  // namespace detail

template <class T>
void detail::FutureAwaiter<T>::await_suspend(std::coroutine_handle<> h)
{
    task = suspend_current_task_on(f, h);
}

inline void detail::DoneAwaiter::await_suspend(std::coroutine_handle<> h)
{
    task = suspend_current_task_on(f, h);
}

inline void detail::DoneAwaiter::await_resume()
{
    if (task)
        task->rethrow_injected();
}

template <class T>
T detail::FutureAwaiter<T>::await_resume()
{
    if (task)
        task->rethrow_injected();
    return future_result<T>(*f);
}

template <class T>
TaskHandle<T> EventLoop::create_task(Task<T> coro, std::string name)
{
    check_open();
    auto h = coro.release();
    assert(h && "create_task needs a coroutine");
    auto* state = new detail::TaskState<T>(*this, h, std::move(name));
    return TaskHandle<T>(state);
}

template <class T>
T EventLoop::run_until_complete(Task<T> coro)
{
    check_open();
    TaskHandle<T> t = create_task(std::move(coro));
    run_until_done(*t.task());
    return t.result();
}

template <class T>
T EventLoop::run_until_complete(const Future<T>& fut)
{
    run_until_done(*fut.get());
    return fut.result();
}

template <class T>
T EventLoop::run_until_complete(const TaskHandle<T>& task)
{
    run_until_done(*task.get());
    return task.result();
}

// asyncio.create_task: on the running loop.
template <class T>
TaskHandle<T> create_task(Task<T> coro, std::string name = {})
{
    EventLoop* loop = EventLoop::running_loop();
    if (!loop)
        throw RuntimeError("no running event loop");
    return loop->create_task(std::move(coro), std::move(name));
}
template <AsTask A>
auto create_task(A op, std::string name = {}) { return create_task(std::move(op).task(), std::move(name)); }

}  // namespace aio
