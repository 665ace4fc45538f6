// A bounded pool of worker slots for one loop (what run_in_executor and
// asyncio.to_thread use). Slots are handed out on the loop's thread, FIFO, so the
// trace says the same thing on every run; real callables then run on OS threads
// (started lazily, at most one per slot, joined when the pool is destroyed), and
// their results come back through call_soon_threadsafe. Simulated work holds a
// slot for a span of loop time: a timer on a virtual clock, a sleeping worker on a
// real one.
// Threading: every member function is for the loop's thread; only the callables
// given to run() execute elsewhere. Destroy a pool before its loop (the loop's own
// pool, EventLoop::thread_pool(), is destroyed with it).
#pragma once

#include <engine/future.hpp>
#include <engine/resource.hpp>
#include <engine/task.hpp>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace aio {

class ThreadPool;

namespace detail {

// One piece of work for a pool, and the future its awaiter waits on.
// The pool's worker thread only calls execute(); everything else is loop-thread.
class ThreadJob : public FutureBase {
public:
    ThreadJob(EventLoop& loop, std::string what) : FutureBase(loop), what_(std::move(what)) {}

    // Worker thread: run the callable and keep its result or exception.
    virtual void execute() noexcept {}
    // Loop thread: hand the kept result to the future, unless it was cancelled.
    virtual void deliver() = 0;
    // A job still queued is withdrawn (its callable never runs); a running one
    // keeps its slot and thread until it ends, and only the future is cancelled.
    bool cancel(std::string message = {}) override;
    // The simulated span ended (the job sits in the timer heap as its own timer).
    void run() override;
    std::string describe() const override { return what_; }
    const std::string& what() const noexcept { return what_; }

private:
    friend class ::aio::ThreadPool;
    enum class Phase : std::uint8_t { created, queued, running, ended };
    std::string what_;
    ThreadPool* pool_ = nullptr;  // null once the pool is gone
    ObjectId submitter_ = 0;
    std::int64_t simulated_ns_ = -1;  // >= 0 and a virtual clock: no OS thread
    std::size_t slot_ = 0;
    Phase phase_ = Phase::created;
    // Keeps the loop waiting (not reporting deadlock) while a worker thread has the job.
    std::unique_ptr<EventLoop::ExternalWork> token_;
};

// A job that calls fn() on a worker thread and yields its result.
template <class T, class F>
class ThreadCall final : public ThreadJob {
public:
    ThreadCall(EventLoop& loop, std::string what, F fn) : ThreadJob(loop, std::move(what)), fn_(std::move(fn)) {}
    void* value_ptr() noexcept override { return value_ ? &*value_ : nullptr; }

    void execute() noexcept override
    {
        try {
            if constexpr (std::is_void_v<T>) {
                fn_();
                thread_value_.emplace();
            } else {
                thread_value_.emplace(fn_());
            }
        } catch (...) {
            thread_error_ = std::current_exception();
        }
    }
    void deliver() override
    {
        if (done())
            return;  // the awaiting task was cancelled; the result is dropped, as asyncio does
        if (thread_error_) {
            set_exception(std::exchange(thread_error_, nullptr));
        } else if (thread_value_) {
            value_.emplace(std::move(*thread_value_));
            finish();
        }
    }

private:
    F fn_;
    std::optional<storage_t<T>> thread_value_;  // written by the worker, read after the hand-back
    std::exception_ptr thread_error_;
    std::optional<storage_t<T>> value_;
};

// A job that only holds its slot for a span of virtual time.
class SimulatedJob final : public ThreadJob {
public:
    using ThreadJob::ThreadJob;
    void* value_ptr() noexcept override { return &unit_; }
    void deliver() override
    {
        if (!done())
            finish();
    }

private:
    std::monostate unit_;
};

// co_await on a pool's job: submits it when the task suspends; the task waits
// with WaitKind::thread.
template <class T>
struct ThreadAwaiter {
    Ref<ThreadJob> job;
    ThreadPool* pool;
    TaskBase* task = nullptr;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h);
    T await_resume()
    {
        task->rethrow_injected();
        job->check_result();
        if constexpr (!std::is_void_v<T>)
            return std::move(*static_cast<storage_t<T>*>(job->value_ptr()));
    }
};

}  // namespace detail

class ThreadPool final : public Resource {
public:
    // CPython's ThreadPoolExecutor default: min(32, cpu count + 4).
    static std::size_t default_max_workers();

    explicit ThreadPool(EventLoop& loop, std::size_t max_workers = default_max_workers(), std::string name = {});
    // Waits for callables already on a worker thread; queued jobs are cancelled.
    ~ThreadPool() override;

    std::size_t max_workers() const noexcept { return max_workers_; }
    // At least 1. Growing starts queued jobs now; shrinking lets busy slots finish.
    void set_max_workers(std::size_t n);
    std::size_t busy() const noexcept { return busy_; }
    std::size_t queued() const noexcept { return waiting_.size(); }
    // OS threads started so far (never more than the busiest moment needed).
    std::size_t threads_started() const noexcept { return threads_.size(); }
    // The trace id of a slot (worker_busy / worker_idle records), 0 if never used.
    ObjectId slot_id(std::size_t slot) const noexcept { return slot < slot_ids_.size() ? slot_ids_[slot] : 0; }

    // Awaitable: fn() runs on a worker thread; `what` names it in the trace.
    template <class F>
    auto run(std::string what, F fn)
    {
        using R = std::remove_cvref_t<std::invoke_result_t<F&>>;  // a reference comes back as a copy
        detail::Ref<detail::ThreadJob> job(new detail::ThreadCall<R, F>(loop(), std::move(what), std::move(fn)));
        return detail::ThreadAwaiter<R>{std::move(job), this};
    }
    // Awaitable: holds a slot for `ns` of loop time (a timer on a virtual clock,
    // a sleeping worker thread on a real one).
    detail::ThreadAwaiter<void> simulate(std::int64_t ns, std::string what);

    // Internal (awaiters): queue the job, starting it now if a slot is free.
    void submit(detail::Ref<detail::ThreadJob> job);

private:
    friend class detail::ThreadJob;
    void start(detail::Ref<detail::ThreadJob> job, std::size_t slot);
    void fill_free_slots();
    void withdraw(detail::ThreadJob* job);
    // A job's work ended (loop thread): free its slot, deliver, start the next.
    void job_ended(detail::ThreadJob* job);
    void hand_to_worker(detail::ThreadJob* job);
    void worker_main();
    void trace_levels() const;

    std::size_t max_workers_;
    std::size_t busy_ = 0;
    std::vector<detail::Ref<detail::ThreadJob>> slots_;  // the job in each slot, or null
    std::vector<ObjectId> slot_ids_;
    std::deque<detail::Ref<detail::ThreadJob>> waiting_;

    // Shared with the worker threads.
    std::mutex mutex_;
    std::condition_variable work_cv_;
    std::deque<detail::ThreadJob*> to_run_;  // each holds one reference taken on the loop thread
    std::size_t idle_threads_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;  // loop thread only
};

// Simulated blocking work handed to a worker slot (asyncio.to_thread(time.sleep, s)):
// the awaiting task waits, the loop goes on. On the running loop's own pool.
Task<void> simulate_thread_work(double seconds, std::string what = "time.sleep");

namespace detail {

template <class T>
void ThreadAwaiter<T>::await_suspend(std::coroutine_handle<> h)
{
    task = pool->loop().current_task();
    if (!task)
        throw RuntimeError("thread work awaited outside of a task");
    pool->submit(job);
    task->suspend_on(*job, h, WaitKind::thread, job->what());
}

}  // namespace detail

}  // namespace aio
