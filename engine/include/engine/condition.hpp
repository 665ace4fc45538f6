// asyncio.Condition: wait until notified, over its own Lock or a given one.
// wait() releases the lock while waiting and always re-acquires it, even when
// cancelled. A waiter cancelled after being notified passes the notification on
// (CPython 3.13 behaviour; 3.11 lost it). Loop thread only.
#pragma once

#include <engine/lock.hpp>

#include <functional>
#include <memory>

namespace aio {

class Condition : public Resource {
public:
    explicit Condition(EventLoop& loop, std::string name = {});
    Condition(EventLoop& loop, Lock& lock, std::string name = {});

    Task<bool> acquire() { return lock_->acquire(); }
    void release() { lock_->release(); }
    bool locked() const noexcept { return lock_->locked(); }
    Lock& lock() noexcept { return *lock_; }

    // RuntimeError("cannot wait on un-acquired lock") unless the lock is held.
    Task<bool> wait();
    // Waits until predicate() is true; returns its last value.
    Task<bool> wait_for(std::function<bool()> predicate);
    // RuntimeError("cannot notify on un-acquired lock") unless the lock is held.
    void notify(std::size_t n = 1);
    void notify_all();
    std::size_t waiting() const noexcept { return waiters_.size(); }
    std::vector<TaskBase*> holders() const override { return lock_->holders(); }

private:
    std::size_t wake(std::size_t n);

    std::unique_ptr<Lock> own_lock_;
    Lock* lock_;
    detail::WaiterList waiters_;
};

}  // namespace aio
