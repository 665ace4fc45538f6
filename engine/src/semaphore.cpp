#include <engine/semaphore.hpp>

#include <algorithm>

namespace aio {

namespace {
int checked(int value)
{
    if (value < 0)
        throw ValueError("Semaphore initial value must be >= 0");
    return value;
}
}  // namespace

Semaphore::Semaphore(EventLoop& loop, int value, std::string name)
    : Semaphore(loop, value, std::move(name), ResourceKind::semaphore) {}

Semaphore::Semaphore(EventLoop& loop, int value, std::string name, ResourceKind kind)
    : Resource(loop, kind, std::move(name), checked(value)), value_(value)
{
    trace_state();
}

void Semaphore::trace_state() const { trace(EventKind::resource_state, 0, value_); }

bool Semaphore::locked() const
{
    return value_ == 0 || std::any_of(waiters_.begin(), waiters_.end(), [](const Future<void>& w) { return !w.cancelled(); });
}

std::vector<TaskBase*> Semaphore::holders() const
{
    std::vector<TaskBase*> out;
    for (auto& h : holders_)
        out.push_back(h.task());
    return out;
}

void Semaphore::took()
{
    TaskBase* t = loop().current_task();
    if (t)
        holders_.emplace_back(t);
    if (loop().tracer()) [[unlikely]] {
        const ObjectId who = t ? t->id() : loop().current_actor();
        std::int64_t held = 0;
        for (auto& h : holders_)
            held += h.task() == t;
        trace(EventKind::resource_acquired, who, held);
        trace_state();
    }
}

Task<bool> Semaphore::acquire()
{
    if (!locked()) {
        --value_;
        took();
        co_return true;
    }
    auto fut = waiters_.add(loop(), this, WaitKind::semaphore);
    trace(EventKind::resource_waiters, 0, std::int64_t(waiters_.size()));
    try {
        detail::Finally remove{[&] {
            waiters_.remove(fut);
            trace(EventKind::resource_waiters, 0, std::int64_t(waiters_.size()));
        }};
        co_await fut;
    } catch (const CancelledError&) {
        if (!fut.cancelled()) {
            // We were handed a permit but cannot use it: give it to the next waiter.
            ++value_;
            wake_up_next();
        }
        throw;
    }
    if (value_ > 0)
        wake_up_next();
    took();
    co_return true;
}

void Semaphore::release()
{
    ++value_;
    TaskBase* t = loop().current_task();
    // Whoever releases, one holder fewer: this task's own hold if it has one.
    auto it = std::find_if(holders_.begin(), holders_.end(), [t](const TaskRef& h) { return h.task() == t; });
    if (it == holders_.end() && !holders_.empty())
        it = holders_.begin();
    ObjectId who = t ? t->id() : loop().current_actor();
    if (it != holders_.end()) {
        who = it->id();
        holders_.erase(it);
    }
    wake_up_next();
    if (loop().tracer()) [[unlikely]] {
        std::int64_t held = 0;
        for (auto& h : holders_)
            held += h.id() == who;
        trace(EventKind::resource_released, who, held);
        trace_state();
    }
}

void Semaphore::wake_up_next()
{
    for (auto& fut : waiters_) {
        if (!fut.done()) {
            --value_;
            fut.set_result();
            return;
        }
    }
}

BoundedSemaphore::BoundedSemaphore(EventLoop& loop, int value, std::string name)
    : Semaphore(loop, value, std::move(name), ResourceKind::bounded_semaphore), bound_(value) {}

void BoundedSemaphore::release()
{
    if (value_ >= bound_)
        throw ValueError("BoundedSemaphore released too many times");
    Semaphore::release();
}

}  // namespace aio
