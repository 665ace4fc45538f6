#include <engine/condition.hpp>

namespace aio {

Condition::Condition(EventLoop& loop, std::string name)
    : Resource(loop, ResourceKind::condition, std::move(name)),
      own_lock_(std::make_unique<Lock>(loop, this->name() + ".lock")), lock_(own_lock_.get()) {}

Condition::Condition(EventLoop& loop, Lock& lock, std::string name)
    : Resource(loop, ResourceKind::condition, std::move(name)), lock_(&lock) {}

Task<bool> Condition::wait()
{
    if (!locked())
        throw RuntimeError("cannot wait on un-acquired lock");
    release();
    auto fut = waiters_.add(loop(), this, WaitKind::condition);
    trace(EventKind::resource_waiters, 0, std::int64_t(waiters_.size()));
    std::exception_ptr failure;
    try {
        detail::Finally remove{[&] {
            waiters_.remove(fut);
            trace(EventKind::resource_waiters, 0, std::int64_t(waiters_.size()));
        }};
        co_await fut;
    } catch (const CancelledError&) {
        failure = std::current_exception();
        if (fut.done() && !fut.cancelled())
            wake(1);  // we were notified but will not act on it: pass it on
    }
    // Must re-acquire the lock even if cancelled.
    for (;;) {
        try {
            co_await lock_->acquire();
            break;
        } catch (const CancelledError&) {
            failure = std::current_exception();
        }
    }
    if (failure)
        std::rethrow_exception(failure);
    co_return true;
}

Task<bool> Condition::wait_for(std::function<bool()> predicate)
{
    bool result = predicate();
    while (!result) {
        co_await wait();
        result = predicate();
    }
    co_return result;
}

std::size_t Condition::wake(std::size_t n)
{
    std::size_t woken = 0;
    for (auto& fut : waiters_) {
        if (woken >= n)
            break;
        if (!fut.done()) {
            ++woken;
            fut.set_result();
        }
    }
    return woken;
}

void Condition::notify(std::size_t n)
{
    if (!locked())
        throw RuntimeError("cannot notify on un-acquired lock");
    trace(EventKind::condition_notify, loop().current_actor(), std::int64_t(n));
    wake(n);
}

void Condition::notify_all()
{
    if (!locked())
        throw RuntimeError("cannot notify on un-acquired lock");
    trace(EventKind::condition_notify, loop().current_actor(), -1);
    wake(waiters_.size());
}

}  // namespace aio
