// The event loop: asyncio's scheduler in C++. One loop per thread; every method
// except call_soon_threadsafe must be called on the loop's thread.
//
// An iteration (run_once) is asyncio's _run_once: take calls posted from other
// threads, wait (or, on a virtual clock, jump) until something is due, move due
// timers to the ready queue, then run exactly the callbacks that were ready when
// the iteration started. Anything scheduled meanwhile waits for the next one.
#pragma once

#include <engine/clock.hpp>
#include <engine/handle.hpp>
#include <engine/ref.hpp>
#include <engine/recorder.hpp>
#include <engine/retained_allocator.hpp>
#include <engine/trace.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aio {

class FutureBase;
class TaskBase;
class TaskRef;
class Resource;
class ThreadPool;
template <class T> class Task;
template <class T> class TaskHandle;
template <class T> class Future;

// An awaitable that is not a Task but stands for one (a queue's put and get, which
// complete without a coroutine frame when they need not wait): create_task and
// wait_for take it as that Task.
template <class A>
concept AsTask = requires(A a) { std::move(a).task(); };

// What the exception handler is told (asyncio's "context" dict).
struct ExceptionContext {
    std::string message;           // e.g. "Task exception was never retrieved"
    std::exception_ptr exception;  // may be null
    std::string object;            // e.g. "Task 'worker' (Task-3)", may be empty
};

namespace detail {

// A FIFO of runnables; a ring buffer so steady-state scheduling allocates nothing.
// Push and pop are inline: they run once per task step.
class ReadyQueue {
public:
    ReadyQueue() = default;
    ReadyQueue(const ReadyQueue&) = delete;
    ReadyQueue& operator=(const ReadyQueue&) = delete;
    ~ReadyQueue() { retained_deallocate(buf_, capacity_ * sizeof(Runnable*)); }
    bool empty() const noexcept { return count_ == 0; }
    std::size_t size() const noexcept { return count_; }
    void push(Ref<Runnable> r) { push_adopted(r.detach()); }
    // Takes over a reference the caller already counted for the queue.
    void push_adopted(Runnable* r)
    {
        if (count_ == capacity_) [[unlikely]]
            grow();
        buf_[(head_ + count_) & (capacity_ - 1)] = r;
        ++count_;
    }
    // The caller owns the returned reference.
    Runnable* pop_adopted() noexcept
    {
        Runnable* r = buf_[head_];
        head_ = (head_ + 1) & (capacity_ - 1);
        --count_;
        return r;
    }
    Ref<Runnable> pop() { return Ref<Runnable>::adopt(pop_adopted()); }
    void clear();

private:
    void grow();
    Runnable** buf_ = nullptr;  // capacity_ slots (a power of two); each live slot owns one reference
    std::size_t capacity_ = 0;
    std::size_t head_ = 0;
    std::size_t count_ = 0;
};

// The running loop of this thread (EventLoop::running_loop()); inline so hot awaiters read it cheaply.
inline thread_local EventLoop* t_running_loop = nullptr;

// Defined in thread_pool.cpp, so this header needs no complete ThreadPool.
struct ThreadPoolDeleter {
    void operator()(ThreadPool* p) const noexcept;
};

struct TimerEntry {
    std::int64_t when;
    std::uint64_t seq;
    Runnable* r;  // owns one reference
};

}  // namespace detail

class EventLoop {
public:
    // A loop on its own virtual clock (deterministic; the usual choice in tests).
    EventLoop();
    explicit EventLoop(std::unique_ptr<Clock> clock);
    ~EventLoop();
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    static std::unique_ptr<EventLoop> with_virtual_clock();
    static std::unique_ptr<EventLoop> with_real_clock();

    // ---- scheduling (loop thread)
    Handle call_soon(std::function<void()> fn, std::string name = {});
    TimerHandle call_later(double delay_seconds, std::function<void()> fn, std::string name = {});
    TimerHandle call_at(double when_seconds, std::function<void()> fn, std::string name = {});
    TimerHandle call_at_ns(std::int64_t when_ns, std::function<void()> fn, std::string name = {});
    // Any thread. Wakes a loop that is waiting, without polling.
    void call_soon_threadsafe(std::function<void()> fn);

    double time() const { return double(clock_->now_ns()) / 1e9; }
    std::int64_t time_ns() const { return clock_->now_ns(); }
    Clock& clock() const { return *clock_; }
    bool is_virtual() const { return clock_->is_virtual(); }

    // ---- tasks
    template <class T>
    TaskHandle<T> create_task(Task<T> coro, std::string name = {});
    template <AsTask A>
    auto create_task(A op, std::string name = {}) { return create_task(std::move(op).task(), std::move(name)); }
    template <class T>
    Future<T> create_future();
    TaskBase* current_task() const noexcept { return current_task_; }
    // Tasks not yet done, in creation order.
    std::vector<TaskRef> all_tasks() const;

    // ---- running
    template <class T>
    T run_until_complete(Task<T> coro);
    template <class T>
    T run_until_complete(const Future<T>& fut);
    template <class T>
    T run_until_complete(const TaskHandle<T>& task);
    void run_forever();
    void stop();
    // Runs fn once, as soon as the current iteration's batch is done and before the
    // next iteration takes anything: where asyncio's run_forever returns after stop()
    // (an embedding that resumes its own code there, as the script runtime does for
    // loop.stop(), sees the loop exactly as CPython's caller would).
    void call_at_iteration_end(std::function<void()> fn) { iteration_end_.push_back(std::move(fn)); }
    void close();
    bool is_running() const noexcept { return running_; }
    bool is_closed() const noexcept { return closed_; }
    // Cancels every pending task and runs until they are all done (asyncio.run's ending).
    void cancel_all_tasks();

    // ---- errors
    using ExceptionHandler = std::function<void(EventLoop&, const ExceptionContext&)>;
    void set_exception_handler(ExceptionHandler h) { exception_handler_ = std::move(h); }
    void call_exception_handler(const ExceptionContext& ctx);
    static void default_exception_handler(const ExceptionContext& ctx);

    // ---- blocking work on the loop's own thread ("time.sleep in a coroutine"):
    // the running task keeps the loop; on a virtual clock time jumps, on a real one
    // the thread sleeps. Traced as loop_blocked.
    void block_for(double seconds, std::string_view why = {});
    void block_for_ns(std::int64_t ns, std::string_view why = {});

    // While a token is alive, another thread promises to call in later, so an idle
    // loop waits for it instead of reporting a deadlock (and a virtual clock does
    // not jump past it). Any thread.
    class ExternalWork {
    public:
        explicit ExternalWork(EventLoop& loop) : loop_(&loop) { loop_->external_pending_.fetch_add(1); }
        ExternalWork(ExternalWork&& o) noexcept : loop_(std::exchange(o.loop_, nullptr)) {}
        ExternalWork& operator=(ExternalWork&&) = delete;
        ~ExternalWork() { if (loop_) loop_->release_external(); }
    private:
        EventLoop* loop_;
    };

    // ---- threads: the loop's default worker pool (thread_pool.hpp), made on first use.
    ThreadPool& thread_pool();

    // ---- tracing
    void set_tracer(Tracer* t) noexcept
    {
        tracer_ = t;
        recorder_ = dynamic_cast<Recorder*>(t);
    }
    Tracer* tracer() const noexcept { return tracer_; }
    ObjectId new_object_id() noexcept { return ++last_object_id_; }
    void trace(EventKind kind, std::uint8_t sub, ObjectId a, ObjectId b, std::int64_t value, std::string_view text)
    {
        if (tracer_) [[unlikely]] {
            // The engine's own Recorder and VirtualClock are called directly (inline,
            // no virtual calls): tracing a run should cost little more than the run.
            const std::int64_t now = virtual_clock_ ? virtual_clock_->now_ns() : clock_->now_ns();
            if (recorder_)
                recorder_->record(now, kind, sub, a, b, value, text);
            else
                tracer_->record(TraceRecord{now, kind, sub, a, b, value, text});
        }
    }
    // The task or callback running now, as the "waker" of whatever it wakes (0 = none).
    ObjectId current_actor() const noexcept;

    // ---- driving from outside (the Qt bridge). An iteration may be split:
    // begin_iteration() collects due timers and fixes the batch; run_batch runs at
    // most max_items of it and returns how many remain.
    void begin_iteration();
    std::size_t run_batch(std::size_t max_items);
    bool has_ready() const noexcept { return !ready_.empty() || inbox_nonempty_.load(std::memory_order_acquire); }
    // Earliest live timer, if any.
    std::optional<std::int64_t> next_deadline();
    bool has_external_work() const noexcept { return external_pending_.load(std::memory_order_acquire) > 0; }
    // Called (from any thread) whenever call_soon_threadsafe adds work.
    void set_wakeup_hook(std::function<void()> hook);
    // stop() was called and the driven run should end after the current iteration.
    bool is_stopping() const noexcept { return stopping_; }
    // Makes this the thread's running loop while the caller drives it. Leaving ends a
    // driven run as run_forever ends: a pending stop() is spent.
    void enter_driven();
    void leave_driven();

    // The wait-for report used for deadlocks: every pending task and what it waits on.
    std::string wait_for_report(const TaskBase* target) const;

    // The running loop of this thread, or nullptr.
    static EventLoop* running_loop() noexcept { return detail::t_running_loop; }

private:
    friend class FutureBase;
    friend class TaskBase;
    friend class detail::Runnable;

    enum class IdleVerdict { progressed, deadlock };
    void run_once();
    IdleVerdict wait_for_work(bool may_deadlock);
    void take_inbox();
    void collect_due_timers();
    void pop_cancelled_timers();
    void compact_timers();
    void clear_timers();
    void run_one(detail::Runnable* r);
    void run_callback(detail::CallbackRunnable* cb);
    void release_external();
    void run_until_done(FutureBase& target);
    void register_task(TaskBase* t);
    void unregister_task(TaskBase* t);

public:
    // Internal, used by futures and tasks.
    // RuntimeError("Event loop is closed") once closed.
    void check_open() const;
    void schedule(detail::Ref<detail::Runnable> r) { ready_.push(std::move(r)); }
    // Schedules r, taking over a reference the caller counted for the queue.
    void schedule_adopted(detail::Runnable* r) { ready_.push_adopted(r); }
    void push_timer(std::int64_t when, detail::Ref<detail::Runnable> r);
    void note_timer_cancelled() noexcept { ++cancelled_timers_; }
    std::uint32_t next_task_number() noexcept { return ++task_counter_; }

private:
    std::unique_ptr<Clock> clock_;
    detail::ReadyQueue ready_;
    std::vector<detail::TimerEntry, detail::RetainedAllocator<detail::TimerEntry>> timers_;  // min-heap on (when, seq)
    std::uint64_t timer_seq_ = 0;
    std::size_t cancelled_timers_ = 0;
    std::size_t batch_remaining_ = 0;
    std::vector<std::function<void()>> iteration_end_;
    void end_iteration();

    std::mutex inbox_mutex_;
    std::condition_variable inbox_cv_;
    std::vector<std::function<void()>> inbox_;
    std::atomic<bool> inbox_nonempty_{false};
    std::atomic<int> external_pending_{0};
    std::function<void()> wakeup_hook_;

    TaskBase* current_task_ = nullptr;
    ObjectId current_callback_ = 0;
    std::vector<TaskBase*, detail::RetainedAllocator<TaskBase*>> pending_tasks_;  // each holds a reference; any order
    std::vector<TaskBase*> pending_in_creation_order() const;
    ExceptionHandler exception_handler_;
    Tracer* tracer_ = nullptr;
    Recorder* recorder_ = nullptr;          // tracer_ when it is a Recorder
    const VirtualClock* virtual_clock_ = nullptr;  // clock_ when it is a VirtualClock
    ObjectId last_object_id_ = 0;
    std::uint32_t task_counter_ = 0;
    EventLoop* previous_running_ = nullptr;
    bool running_ = false;
    bool stopping_ = false;
    bool closed_ = false;
    bool in_run_forever_ = false;
    FutureBase* run_target_ = nullptr;
    // Last, so it is destroyed first: its worker threads are joined while the
    // inbox they post results to still exists.
    std::unique_ptr<ThreadPool, detail::ThreadPoolDeleter> thread_pool_;
};

}  // namespace aio
