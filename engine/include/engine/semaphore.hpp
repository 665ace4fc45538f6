// asyncio.Semaphore and BoundedSemaphore: a counter of permits, FIFO-fair (a new
// acquirer never barges past waiters). release() hands a permit to the first
// waiter; a waiter cancelled after being chosen gives it back and wakes the next.
// Loop thread only.
#pragma once

#include <engine/resource.hpp>
#include <engine/task.hpp>
#include <engine/waiter_list.hpp>

namespace aio {

class Semaphore : public Resource {
public:
    // ValueError("Semaphore initial value must be >= 0") for a negative value.
    explicit Semaphore(EventLoop& loop, int value = 1, std::string name = {});
    Task<bool> acquire();
    virtual void release();
    bool locked() const;
    int value() const noexcept { return value_; }
    std::size_t waiting() const noexcept { return waiters_.size(); }
    std::vector<TaskBase*> holders() const override;

protected:
    Semaphore(EventLoop& loop, int value, std::string name, ResourceKind kind);
    void wake_up_next();
    void took();
    void trace_state() const;

    detail::WaiterList waiters_;
    std::vector<TaskRef> holders_;  // who acquired, oldest first (for traces and reports)
    int value_;
};

class BoundedSemaphore final : public Semaphore {
public:
    explicit BoundedSemaphore(EventLoop& loop, int value = 1, std::string name = {});
    // ValueError("BoundedSemaphore released too many times") past the initial value.
    void release() override;

private:
    int bound_;
};

}  // namespace aio
