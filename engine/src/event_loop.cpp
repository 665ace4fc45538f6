#include <engine/event_loop.hpp>

#include <engine/errors.hpp>
#include <engine/str_cat.hpp>
#include <engine/future.hpp>
#include <engine/resource.hpp>
#include <engine/task.hpp>

#include <algorithm>
#include <cstdio>
#include <thread>
#include <unordered_set>
#include <utility>

namespace aio {

namespace {

// Loops alive now: a future outliving its loop must not report to a dead one.
std::mutex g_live_mutex;
std::unordered_set<const EventLoop*>& live_loops()
{
    static std::unordered_set<const EventLoop*> s;
    return s;
}

struct TimerLater {
    bool operator()(const detail::TimerEntry& x, const detail::TimerEntry& y) const noexcept
    {
        return x.when != y.when ? x.when > y.when : x.seq > y.seq;
    }
};

}  // namespace

bool loop_is_alive(const EventLoop* loop)
{
    std::lock_guard lock(g_live_mutex);
    return live_loops().count(loop) != 0;
}

// ------------------------------------------------------------------ Runnable

void detail::Runnable::cancel_timer() noexcept
{
    cancelled_ = true;
    // Only counts towards compacting the running loop's heap; compaction recounts.
    if (in_timer_heap_)
        if (EventLoop* loop = EventLoop::running_loop())
            loop->note_timer_cancelled();
}

// ---------------------------------------------------------------- ReadyQueue

void detail::ReadyQueue::grow()
{
    const std::size_t cap = std::max<std::size_t>(64, capacity_ * 2);
    auto* bigger = static_cast<Runnable**>(retained_allocate(cap * sizeof(Runnable*)));
    for (std::size_t i = 0; i < count_; ++i)
        bigger[i] = buf_[(head_ + i) & (capacity_ - 1)];
    retained_deallocate(buf_, capacity_ * sizeof(Runnable*));
    buf_ = bigger;
    capacity_ = cap;
    head_ = 0;
}

void detail::ReadyQueue::clear()
{
    while (!empty())
        pop();
}

// ----------------------------------------------------------------- EventLoop

EventLoop::EventLoop() : EventLoop(std::make_unique<VirtualClock>()) {}

EventLoop::EventLoop(std::unique_ptr<Clock> clock) : clock_(std::move(clock))
{
    virtual_clock_ = dynamic_cast<const VirtualClock*>(clock_.get());
    std::lock_guard lock(g_live_mutex);
    live_loops().insert(this);
}

std::unique_ptr<EventLoop> EventLoop::with_virtual_clock() { return std::make_unique<EventLoop>(std::make_unique<VirtualClock>()); }
std::unique_ptr<EventLoop> EventLoop::with_real_clock() { return std::make_unique<EventLoop>(std::make_unique<SteadyClock>()); }

EventLoop::~EventLoop()
{
    set_tracer(nullptr);
    closed_ = true;
    ready_.clear();
    clear_timers();
    // Pending tasks cannot finish any more: destroy their coroutine frames so
    // nothing they own leaks, and say so as asyncio does when it collects them.
    while (!pending_tasks_.empty()) {
        TaskBase* t = pending_in_creation_order().front();
        detail::Ref<TaskBase> keep(t);
        call_exception_handler({"Task was destroyed but it is pending!", nullptr, t->describe()});
        t->abandon();
        // abandon() unregisters; frames destroyed above may have scheduled more work
        ready_.clear();
    }
    ready_.clear();
    {
        std::lock_guard lock(inbox_mutex_);
        inbox_.clear();
    }
    std::lock_guard lock(g_live_mutex);
    live_loops().erase(this);
}

void EventLoop::check_open() const
{
    if (closed_)
        throw RuntimeError("Event loop is closed");
}

ObjectId EventLoop::current_actor() const noexcept
{
    if (current_task_)
        return current_task_->id();
    return current_callback_;
}

Handle EventLoop::call_soon(std::function<void()> fn, std::string name)
{
    check_open();
    detail::Ref<detail::CallbackRunnable> r(new detail::FunctionCallback(std::move(fn), std::move(name)));
    ready_.push(r);
    return Handle(std::move(r));
}

TimerHandle EventLoop::call_later(double delay_seconds, std::function<void()> fn, std::string name)
{
    return call_at_ns(clock_->now_ns() + seconds_to_ns(delay_seconds), std::move(fn), std::move(name));
}

TimerHandle EventLoop::call_at(double when_seconds, std::function<void()> fn, std::string name)
{
    return call_at_ns(seconds_to_ns(when_seconds), std::move(fn), std::move(name));
}

TimerHandle EventLoop::call_at_ns(std::int64_t when_ns, std::function<void()> fn, std::string name)
{
    check_open();
    detail::Ref<detail::CallbackRunnable> r(new detail::FunctionCallback(std::move(fn), std::move(name)));
    r->when_ns_ = when_ns;
    push_timer(when_ns, r);
    return TimerHandle(std::move(r));
}

void EventLoop::push_timer(std::int64_t when, detail::Ref<detail::Runnable> r)
{
    r->in_timer_heap_ = true;
    timers_.push_back(detail::TimerEntry{when, ++timer_seq_, r.detach()});
    std::push_heap(timers_.begin(), timers_.end(), TimerLater{});
}

void EventLoop::call_soon_threadsafe(std::function<void()> fn)
{
    std::function<void()> hook;
    {
        std::lock_guard lock(inbox_mutex_);
        inbox_.push_back(std::move(fn));
        inbox_nonempty_.store(true, std::memory_order_release);
        hook = wakeup_hook_;
    }
    inbox_cv_.notify_one();
    if (hook)
        hook();
}

void EventLoop::set_wakeup_hook(std::function<void()> hook)
{
    std::lock_guard lock(inbox_mutex_);
    wakeup_hook_ = std::move(hook);
}

void EventLoop::release_external()
{
    std::function<void()> hook;
    {
        std::lock_guard lock(inbox_mutex_);
        external_pending_.fetch_sub(1, std::memory_order_acq_rel);
        hook = wakeup_hook_;
    }
    inbox_cv_.notify_one();
    if (hook)
        hook();
}

void EventLoop::take_inbox()
{
    if (!inbox_nonempty_.load(std::memory_order_acquire))
        return;
    std::vector<std::function<void()>> items;
    {
        std::lock_guard lock(inbox_mutex_);
        items.swap(inbox_);
        inbox_nonempty_.store(false, std::memory_order_relaxed);
    }
    for (auto& fn : items)
        ready_.push(detail::Ref<detail::Runnable>(new detail::FunctionCallback(std::move(fn), "call_soon_threadsafe")));
}

void EventLoop::pop_cancelled_timers()
{
    while (!timers_.empty() && timers_.front().r->cancelled()) {
        std::pop_heap(timers_.begin(), timers_.end(), TimerLater{});
        detail::Runnable* r = timers_.back().r;
        timers_.pop_back();
        r->in_timer_heap_ = false;
        r->release();
        if (cancelled_timers_)
            --cancelled_timers_;
    }
}

void EventLoop::compact_timers()
{
    // asyncio's rule: rebuild the heap once cancelled timers are over half of it.
    if (timers_.size() < 100 || cancelled_timers_ * 2 <= timers_.size())
        return;
    decltype(timers_) live;
    live.reserve(timers_.size() - cancelled_timers_);
    for (auto& t : timers_) {
        if (t.r->cancelled()) {
            t.r->in_timer_heap_ = false;
            t.r->release();
        } else {
            live.push_back(t);
        }
    }
    timers_.swap(live);
    std::make_heap(timers_.begin(), timers_.end(), TimerLater{});
    cancelled_timers_ = 0;
}

std::optional<std::int64_t> EventLoop::next_deadline()
{
    compact_timers();
    pop_cancelled_timers();
    if (timers_.empty())
        return std::nullopt;
    return timers_.front().when;
}

void EventLoop::collect_due_timers()
{
    compact_timers();
    const std::int64_t now = clock_->now_ns();
    while (!timers_.empty() && timers_.front().when <= now) {
        std::pop_heap(timers_.begin(), timers_.end(), TimerLater{});
        detail::Runnable* r = timers_.back().r;
        timers_.pop_back();
        r->in_timer_heap_ = false;
        if (r->cancelled()) {
            if (cancelled_timers_)
                --cancelled_timers_;
            r->release();
        } else {
            ready_.push(detail::Ref<detail::Runnable>::adopt(r));
        }
    }
}

EventLoop::IdleVerdict EventLoop::wait_for_work(bool may_deadlock)
{
    for (;;) {
        take_inbox();
        if (!ready_.empty() || stopping_)
            return IdleVerdict::progressed;
        pop_cancelled_timers();
        const bool external = external_pending_.load(std::memory_order_acquire) > 0;
        std::unique_lock lock(inbox_mutex_);
        if (inbox_nonempty_.load(std::memory_order_relaxed))
            continue;
        if (!timers_.empty()) {
            const std::int64_t when = timers_.front().when;
            if (clock_->is_virtual()) {
                if (external) {
                    // Another thread's work takes no virtual time: wait for it first.
                    inbox_cv_.wait(lock, [&] { return inbox_nonempty_.load() || external_pending_.load() == 0; });
                    continue;
                }
                clock_->advance_to(when);
                return IdleVerdict::progressed;
            }
            const std::int64_t now = clock_->now_ns();
            if (when <= now)
                return IdleVerdict::progressed;
            inbox_cv_.wait_for(lock, std::chrono::nanoseconds(when - now), [&] { return inbox_nonempty_.load(); });
            if (!inbox_nonempty_.load() && clock_->now_ns() >= when)
                return IdleVerdict::progressed;
            continue;
        }
        if (!external && may_deadlock)
            return IdleVerdict::deadlock;
        const int seen = external_pending_.load();
        inbox_cv_.wait(lock, [&] { return inbox_nonempty_.load() || external_pending_.load() != seen; });
    }
}

void EventLoop::begin_iteration()
{
    take_inbox();
    collect_due_timers();
    batch_remaining_ = ready_.size();
}

std::size_t EventLoop::run_batch(std::size_t max_items)
{
    while (batch_remaining_ > 0 && max_items > 0 && !ready_.empty()) {
        --batch_remaining_;
        --max_items;
        run_one(ready_.pop_adopted());
    }
    if (ready_.empty())
        batch_remaining_ = 0;
    if (batch_remaining_ == 0)
        end_iteration();
    return batch_remaining_;
}

void EventLoop::end_iteration()
{
    if (iteration_end_.empty()) [[likely]]
        return;
    auto fns = std::exchange(iteration_end_, {});
    for (auto& fn : fns) {
        try {
            fn();
        } catch (...) {
            call_exception_handler({"Exception at the end of a loop iteration", std::current_exception(), {}});
        }
    }
}

void EventLoop::run_once()
{
    take_inbox();
    if (ready_.empty() && !stopping_) {
        const bool may_deadlock = run_target_ && !run_target_->done();
        if (wait_for_work(may_deadlock) == IdleVerdict::deadlock) {
            const TaskBase* target = run_target_ && run_target_->is_task() ? static_cast<const TaskBase*>(run_target_) : nullptr;
            std::string report = wait_for_report(target);
            trace(EventKind::deadlock, 0, 0, 0, 0, report);
            throw DeadlockError(report);
        }
    }
    collect_due_timers();
    std::size_t n = ready_.size();
    while (n-- > 0 && !ready_.empty())
        run_one(ready_.pop_adopted());
    end_iteration();
}

void EventLoop::run_one(detail::Runnable* r)
{
    // r's reference came from the ready queue; dropped when the step is over.
    detail::Ref<detail::Runnable> owned = detail::Ref<detail::Runnable>::adopt(r);
    if (r->cancelled())
        return;
    if (r->runnable_kind() != detail::Runnable::Kind::callback) [[likely]] {
        r->run();  // task steps trace themselves; internal timers (sleeps) are not callbacks
        return;
    }
    run_callback(static_cast<detail::CallbackRunnable*>(r));
}

void EventLoop::run_callback(detail::CallbackRunnable* cb)
{
    if (tracer_) [[unlikely]] {
        if (!cb->id)
            cb->id = new_object_id();
        trace(EventKind::callback_begin, 0, cb->id, 0, 0, cb->name().empty() ? std::string_view("callback") : cb->name());
    }
    current_callback_ = cb->id;
    try {
        cb->run();
    } catch (...) {
        call_exception_handler({str_cat("Exception in callback ", cb->name().empty() ? std::string_view("<callback>") : cb->name()),
                                std::current_exception(), {}});
    }
    current_callback_ = 0;
    if (tracer_) [[unlikely]]
        trace(EventKind::callback_end, 0, cb->id, 0, 0, {});
}

void EventLoop::run_forever()
{
    check_open();
    if (running_)
        throw RuntimeError("This event loop is already running");
    if (detail::t_running_loop)
        throw RuntimeError("Cannot run the event loop while another loop is running");
    running_ = true;
    previous_running_ = detail::t_running_loop;
    detail::t_running_loop = this;
    struct Leave {
        EventLoop* l;
        ~Leave()
        {
            l->stopping_ = false;
            l->running_ = false;
            detail::t_running_loop = l->previous_running_;
        }
    } leave{this};
    for (;;) {
        run_once();
        if (stopping_)
            break;
    }
}

void EventLoop::run_until_done(FutureBase& target)
{
    check_open();
    detail::Ref<FutureBase> keep(&target);
    // asyncio stops the loop from a done callback of the target, so callbacks
    // scheduled in the same iteration still run, and later ones wait.
    const std::uint64_t cb = target.add_done_callback([](FutureBase& f) { f.loop().stop(); });
    FutureBase* previous_target = run_target_;
    run_target_ = &target;
    try {
        run_forever();
    } catch (...) {
        run_target_ = previous_target;
        target.remove_done_callback(cb);
        throw;
    }
    run_target_ = previous_target;
    target.remove_done_callback(cb);
    if (!target.done())
        throw RuntimeError("Event loop stopped before Future completed.");
}

void EventLoop::stop() { stopping_ = true; }

void EventLoop::close()
{
    if (running_)
        throw RuntimeError("Cannot close a running event loop");
    if (closed_)
        return;
    closed_ = true;
    ready_.clear();
    clear_timers();
}

void EventLoop::clear_timers()
{
    for (auto& t : timers_) {
        t.r->in_timer_heap_ = false;
        t.r->release();
    }
    timers_.clear();
    cancelled_timers_ = 0;
}

void EventLoop::enter_driven()
{
    check_open();
    if (detail::t_running_loop && detail::t_running_loop != this)
        throw RuntimeError("Cannot run the event loop while another loop is running");
    previous_running_ = detail::t_running_loop;
    detail::t_running_loop = this;
    running_ = true;
}

void EventLoop::leave_driven()
{
    stopping_ = false;
    running_ = false;
    detail::t_running_loop = previous_running_;
}

std::vector<TaskRef> EventLoop::all_tasks() const
{
    std::vector<TaskRef> out;
    for (TaskBase* t : pending_in_creation_order())
        if (!t->done())
            out.emplace_back(t);
    return out;
}

std::vector<TaskBase*> EventLoop::pending_in_creation_order() const
{
    std::vector<TaskBase*> v(pending_tasks_.begin(), pending_tasks_.end());
    std::sort(v.begin(), v.end(), [](const TaskBase* x, const TaskBase* y) { return x->number_ < y->number_; });
    return v;
}

void EventLoop::register_task(TaskBase* t)
{
    t->add_ref();
    t->registered_ = true;
    t->pending_index_ = static_cast<std::uint32_t>(pending_tasks_.size());
    pending_tasks_.push_back(t);
}

void EventLoop::unregister_task(TaskBase* t)
{
    if (!t->registered_)
        return;
    t->registered_ = false;
    TaskBase* last = pending_tasks_.back();
    pending_tasks_[t->pending_index_] = last;
    last->pending_index_ = t->pending_index_;
    pending_tasks_.pop_back();
    t->release();
}

void EventLoop::cancel_all_tasks()
{
    std::vector<TaskRef> to_cancel = all_tasks();
    if (to_cancel.empty())
        return;
    for (auto& t : to_cancel)
        t.cancel();
    Future<void> all(*this);
    auto remaining = std::make_shared<std::size_t>(to_cancel.size());
    for (auto& t : to_cancel) {
        t.add_done_callback([all, remaining](FutureBase&) mutable {
            if (--*remaining == 0 && !all.done())
                all.set_result();
        });
    }
    run_until_done(*all.get());
    for (auto& t : to_cancel) {
        if (t.cancelled())
            continue;
        if (auto e = t.exception())
            call_exception_handler({"unhandled exception during asyncio.run() shutdown", e, t->describe()});
    }
}

void EventLoop::call_exception_handler(const ExceptionContext& ctx)
{
    if (tracer_) [[unlikely]] {
        std::string text = ctx.message;
        if (ctx.exception)
            text = str_cat(text, "\n", describe_exception(ctx.exception));
        trace(EventKind::exception_logged, 0, current_actor(), 0, 0, text);
    }
    if (!exception_handler_) {
        default_exception_handler(ctx);
        return;
    }
    try {
        exception_handler_(*this, ctx);
    } catch (...) {
        default_exception_handler({"Unhandled error in exception handler", std::current_exception(), {}});
        default_exception_handler(ctx);
    }
}

void EventLoop::default_exception_handler(const ExceptionContext& ctx)
{
    std::string text = ctx.message;
    if (!ctx.object.empty())
        text = str_cat(text, "\nobject: ", ctx.object);
    if (ctx.exception)
        text = str_cat(text, "\n", describe_exception(ctx.exception));
    std::fprintf(stderr, "%s\n", text.c_str());
}

void EventLoop::block_for(double seconds, std::string_view why) { block_for_ns(seconds_to_ns(seconds), why); }

void EventLoop::block_for_ns(std::int64_t ns, std::string_view why)
{
    if (ns <= 0)
        return;
    trace(EventKind::loop_blocked, 0, current_actor(), 0, ns, why);
    if (clock_->is_virtual())
        clock_->advance_to(clock_->now_ns() + ns);
    else
        std::this_thread::sleep_for(std::chrono::nanoseconds(ns));
}

// ------------------------------------------------------------ wait-for report

namespace {

std::string waits_on(const TaskBase& t, const TaskBase** next_task, const Resource** via)
{
    *next_task = nullptr;
    *via = nullptr;
    if (!t.started())
        return "has not started";
    FutureBase* f = t.waiting_on();
    if (!f)
        return t.waiting_kind() == WaitKind::yield ? "is ready to run" : "is ready to run";
    if (f->is_task()) {
        *next_task = static_cast<const TaskBase*>(f);
        return str_cat("waits on ", f->describe());
    }
    if (const FutureBase* inner = f->first_pending_awaited()) {
        // A gather: the chain goes on through its first child not done.
        if (inner->is_task())
            *next_task = static_cast<const TaskBase*>(inner);
        return str_cat("waits on ", f->describe(), ", still waiting for ", inner->describe());
    }
    if (const Resource* r = f->resource()) {
        *via = r;
        std::string s = str_cat("waits on ", r->describe());
        auto holders = r->holders();
        if (!holders.empty()) {
            *next_task = holders.front();
            s += ", held by ";
            for (std::size_t i = 0; i < holders.size(); ++i)
                s = str_cat(s, i ? ", " : "", holders[i]->describe());
        }
        return s;
    }
    return str_cat("waits on ", f->describe(), " that nothing will complete");
}

}  // namespace

std::string EventLoop::wait_for_report(const TaskBase* target) const
{
    std::string out = "Deadlock: no task can make progress";
    if (target)
        out = str_cat(out, ", and ", target->describe(), " is not done");
    out += ".\n";
    for (TaskBase* t : pending_in_creation_order()) {
        if (t->done())
            continue;
        const TaskBase* next;
        const Resource* via;
        out = str_cat(out, "  ", t->describe(), " ", waits_on(*t, &next, &via), "\n");
    }
    if (target) {
        std::string chain = str_cat("Wait-for chain: ", target->describe());
        std::unordered_set<const TaskBase*> seen{target};
        const TaskBase* cur = target;
        for (int guard = 0; cur && guard < 1000; ++guard) {
            const TaskBase* next;
            const Resource* via;
            waits_on(*cur, &next, &via);
            if (via)
                chain = str_cat(chain, " -> ", via->describe());
            else if (const FutureBase* f = cur->waiting_on(); f && next && f != next)
                chain = str_cat(chain, " -> ", f->describe());  // a gather between the two tasks
            if (!next)
                break;
            chain = str_cat(chain, " -> ", next->describe());
            if (!seen.insert(next).second) {
                chain += " (a cycle)";
                break;
            }
            cur = next;
        }
        out = str_cat(out, chain, "\n");
    }
    return out;
}

}  // namespace aio
