// asyncio.Lock: a mutex for tasks, FIFO-fair. Acquire suspends while it is held;
// release wakes the first waiter, which takes the lock when it runs. A waiter
// cancelled after being chosen passes the wake-up on. Loop thread only.
#pragma once

#include <engine/resource.hpp>
#include <engine/task.hpp>
#include <engine/waiter_list.hpp>

namespace aio {

class Lock : public Resource {
public:
    explicit Lock(EventLoop& loop, std::string name = {});
    Task<bool> acquire();
    // RuntimeError("Lock is not acquired.") when not held.
    void release();
    bool locked() const noexcept { return locked_; }
    std::size_t waiting() const noexcept { return waiters_.size(); }
    std::vector<TaskBase*> holders() const override;

private:
    void wake_up_first();
    void took(TaskBase* by);
    void trace_waiters() const;

    detail::WaiterList waiters_;
    TaskRef holder_;
    bool locked_ = false;
};

// Holds a lock for a scope: `auto held = co_await LockGuard::take(lock);`
class LockGuard {
public:
    static Task<LockGuard> take(Lock& lock)
    {
        co_await lock.acquire();
        co_return LockGuard(lock);
    }
    LockGuard(LockGuard&& o) noexcept : lock_(std::exchange(o.lock_, nullptr)) {}
    LockGuard& operator=(LockGuard&&) = delete;
    ~LockGuard()
    {
        if (lock_ && lock_->locked())
            lock_->release();
    }

private:
    explicit LockGuard(Lock& l) : lock_(&l) {}
    Lock* lock_;
};

}  // namespace aio
