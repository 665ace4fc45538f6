#include <engine/lock.hpp>

namespace aio {

Lock::Lock(EventLoop& loop, std::string name) : Resource(loop, ResourceKind::lock, std::move(name)) {}

std::vector<TaskBase*> Lock::holders() const
{
    if (locked_ && holder_)
        return {holder_.task()};
    return {};
}

void Lock::took(TaskBase* by)
{
    locked_ = true;
    holder_ = by ? TaskRef(by) : TaskRef();
    const ObjectId who = by ? by->id() : loop().current_actor();
    trace(EventKind::resource_acquired, who, 1);
    trace(EventKind::resource_state, who, 1);
}

void Lock::trace_waiters() const { trace(EventKind::resource_waiters, 0, std::int64_t(waiters_.size())); }

Task<bool> Lock::acquire()
{
    if (!locked_ && waiters_.all_cancelled()) {
        took(loop().current_task());
        co_return true;
    }
    auto fut = waiters_.add(loop(), this, WaitKind::lock);
    trace_waiters();
    try {
        detail::Finally remove{[&] {
            waiters_.remove(fut);
            trace_waiters();
        }};
        co_await fut;
    } catch (const CancelledError&) {
        // Chosen but cancelled before running: pass the wake-up on.
        if (!locked_)
            wake_up_first();
        throw;
    }
    took(loop().current_task());
    co_return true;
}

void Lock::release()
{
    if (!locked_)
        throw RuntimeError("Lock is not acquired.");
    locked_ = false;
    const ObjectId who = holder_ ? holder_.id() : 0;
    holder_ = TaskRef();
    trace(EventKind::resource_released, who, 0);
    trace(EventKind::resource_state, 0, 0);
    wake_up_first();
}

void Lock::wake_up_first()
{
    if (waiters_.empty())
        return;
    auto& fut = waiters_.front();
    if (!fut.done())
        fut.set_result();
}

}  // namespace aio
