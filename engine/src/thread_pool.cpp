#include <engine/thread_pool.hpp>

#include <algorithm>
#include <chrono>
#include <memory>

namespace aio {

void detail::ThreadPoolDeleter::operator()(ThreadPool* p) const noexcept { delete p; }

ThreadPool& EventLoop::thread_pool()
{
    if (!thread_pool_)
        thread_pool_.reset(new ThreadPool(*this, ThreadPool::default_max_workers(), "default"));
    return *thread_pool_;
}

// ------------------------------------------------------------------ ThreadJob

bool detail::ThreadJob::cancel(std::string message)
{
    if (done())
        return false;
    if (phase_ == Phase::queued && pool_)
        pool_->withdraw(this);
    return FutureBase::cancel(std::move(message));
}

void detail::ThreadJob::run()
{
    if (pool_)
        pool_->job_ended(this);
    else
        deliver();
}

// ----------------------------------------------------------------- ThreadPool

namespace {

// Carries a finished job back to the loop. It owns the reference the loop took
// for the worker, and is destroyed on the loop's thread whether it runs or not
// (a closed loop drops it unrun), so the job's non-atomic count is never touched
// by the worker.
struct HandBack {
    detail::ThreadJob* job;
    explicit HandBack(detail::ThreadJob* j) : job(j) {}
    HandBack(const HandBack&) = delete;
    HandBack& operator=(const HandBack&) = delete;
    ~HandBack() { job->release(); }
};

}  // namespace

std::size_t ThreadPool::default_max_workers()
{
    const unsigned cpus = std::thread::hardware_concurrency();
    return std::min<std::size_t>(32, std::size_t(cpus ? cpus : 1) + 4);
}

ThreadPool::ThreadPool(EventLoop& loop, std::size_t max_workers, std::string name)
    : Resource(loop, ResourceKind::thread_pool, std::move(name), std::int64_t(std::max<std::size_t>(1, max_workers))),
      max_workers_(std::max<std::size_t>(1, max_workers))
{
}

ThreadPool::~ThreadPool()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    work_cv_.notify_all();
    for (auto& t : threads_)
        t.join();
    // Hand-backs of jobs that were on a worker may still be in the loop's inbox:
    // they deliver without the pool.
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        if (!slots_[i])
            continue;
        slots_[i]->pool_ = nullptr;
        loop().trace(EventKind::worker_idle, 0, slot_ids_[i], slots_[i]->submitter_, 0, {});  // the slot is gone
    }
    auto waiting = std::move(waiting_);
    // A closed loop can schedule nothing, not even cancellation callbacks.
    const bool can_cancel = !loop().is_closed();
    for (auto& j : waiting) {
        j->pool_ = nullptr;
        j->phase_ = detail::ThreadJob::Phase::ended;
        if (can_cancel)
            j->cancel();
    }
}

void ThreadPool::set_max_workers(std::size_t n)
{
    max_workers_ = std::max<std::size_t>(1, n);
    fill_free_slots();
    trace_levels();
}

detail::ThreadAwaiter<void> ThreadPool::simulate(std::int64_t ns, std::string what)
{
    ns = std::max<std::int64_t>(0, ns);
    if (!loop().is_virtual())
        return run(std::move(what), [ns] { std::this_thread::sleep_for(std::chrono::nanoseconds(ns)); });
    detail::Ref<detail::ThreadJob> job(new detail::SimulatedJob(loop(), std::move(what)));
    job->simulated_ns_ = ns;
    return {std::move(job), this};
}

void ThreadPool::submit(detail::Ref<detail::ThreadJob> job)
{
    job->pool_ = this;
    job->submitter_ = loop().current_actor();
    if (busy_ < max_workers_ && waiting_.empty()) {
        auto free = std::find_if(slots_.begin(), slots_.end(), [](const auto& s) { return !s; });
        start(std::move(job), std::size_t(free - slots_.begin()));
    } else {
        job->phase_ = detail::ThreadJob::Phase::queued;
        waiting_.push_back(std::move(job));
    }
    trace_levels();
}

void ThreadPool::start(detail::Ref<detail::ThreadJob> job, std::size_t slot)
{
    if (slot == slots_.size()) {
        slots_.emplace_back();
        slot_ids_.push_back(0);
    }
    if (!slot_ids_[slot])
        slot_ids_[slot] = loop().new_object_id();
    job->phase_ = detail::ThreadJob::Phase::running;
    job->slot_ = slot;
    slots_[slot] = job;
    ++busy_;
    loop().trace(EventKind::worker_busy, 0, slot_ids_[slot], job->submitter_, 0, job->what());
    if (job->simulated_ns_ >= 0)
        loop().push_timer(loop().time_ns() + job->simulated_ns_, detail::Ref<detail::Runnable>(job.get()));
    else
        hand_to_worker(job.get());
}

void ThreadPool::fill_free_slots()
{
    while (busy_ < max_workers_ && !waiting_.empty()) {
        detail::Ref<detail::ThreadJob> job = std::move(waiting_.front());
        waiting_.pop_front();
        auto free = std::find_if(slots_.begin(), slots_.end(), [](const auto& s) { return !s; });
        start(std::move(job), std::size_t(free - slots_.begin()));
    }
}

void ThreadPool::withdraw(detail::ThreadJob* job)
{
    auto it = std::find_if(waiting_.begin(), waiting_.end(), [job](const auto& j) { return j.get() == job; });
    if (it == waiting_.end())
        return;
    job->phase_ = detail::ThreadJob::Phase::ended;
    detail::Ref<detail::ThreadJob> keep = std::move(*it);
    waiting_.erase(it);
    trace_levels();
}

void ThreadPool::job_ended(detail::ThreadJob* job)
{
    detail::Ref<detail::ThreadJob> keep(job);
    job->phase_ = detail::ThreadJob::Phase::ended;
    slots_[job->slot_].reset();
    --busy_;
    loop().trace(EventKind::worker_idle, 0, slot_ids_[job->slot_], job->submitter_, 0, {});
    job->deliver();
    fill_free_slots();
    trace_levels();
}

void ThreadPool::hand_to_worker(detail::ThreadJob* job)
{
    job->token_ = std::make_unique<EventLoop::ExternalWork>(loop());
    job->add_ref();  // owned by the worker's HandBack from now on
    bool spawn;
    {
        std::lock_guard lock(mutex_);
        to_run_.push_back(job);
        spawn = idle_threads_ < to_run_.size();
        // A thread counts as idle from the moment it is started, not from when
        // it first runs: otherwise a second hand-off in between starts one too many.
        if (spawn)
            ++idle_threads_;
    }
    if (spawn)
        threads_.emplace_back([this] { worker_main(); });
    work_cv_.notify_one();
}

void ThreadPool::worker_main()
{
    std::unique_lock lock(mutex_);
    for (;;) {
        work_cv_.wait(lock, [this] { return stopping_ || !to_run_.empty(); });
        if (to_run_.empty()) {
            --idle_threads_;
            return;  // stopping, and every handed job has run
        }
        detail::ThreadJob* job = to_run_.front();
        to_run_.pop_front();
        --idle_threads_;
        lock.unlock();

        job->execute();
        std::unique_ptr<EventLoop::ExternalWork> token = std::move(job->token_);
        EventLoop& loop = job->loop();
        // Idle before the hand-back: the slot it frees may get a job at once, and
        // this thread must count as free for it, or a thread too many is started.
        lock.lock();
        ++idle_threads_;
        lock.unlock();
        // Post the hand-back first, then release the token: in between, the loop
        // sees either pending work or a non-empty inbox, never a false deadlock.
        auto back = std::make_shared<HandBack>(job);
        loop.call_soon_threadsafe([back = std::move(back)] {
            detail::ThreadJob* j = back->job;
            if (j->pool_)
                j->pool_->job_ended(j);
            else
                j->deliver();
        });
        token.reset();
        lock.lock();
    }
}

void ThreadPool::trace_levels() const
{
    if (!loop().tracer())
        return;
    trace(EventKind::resource_state, 0, std::int64_t(busy_));
    trace(EventKind::resource_waiters, 0, std::int64_t(waiting_.size()));
}

Task<void> simulate_thread_work(double seconds, std::string what)
{
    EventLoop* loop = EventLoop::running_loop();
    if (!loop)
        throw RuntimeError("no running event loop");
    co_await loop->thread_pool().simulate(seconds_to_ns(seconds), std::move(what));
}

}  // namespace aio
