// asyncio.TaskGroup: tasks started in a scope; leaving it waits for all of them.
// The first failure cancels the siblings and the scope's own task; every
// failure comes out together as an ExceptionGroup. Loop thread only; a group
// must stay where it is while entered.
#pragma once

#include <engine/task.hpp>

#include <functional>
#include <vector>

namespace aio {

// BaseExceptionGroup('unhandled errors in a TaskGroup', [...]) in C++.
class ExceptionGroup : public Error {
public:
    ExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions);
    const std::string& message() const noexcept { return message_; }
    const std::vector<std::exception_ptr>& exceptions() const noexcept { return exceptions_; }

private:
    std::string message_;
    std::vector<std::exception_ptr> exceptions_;
};

class TaskGroup {
public:
    explicit TaskGroup(EventLoop& loop) : loop_(&loop) {}
    TaskGroup(const TaskGroup&) = delete;
    TaskGroup& operator=(const TaskGroup&) = delete;

    // __aenter__ (in the task that owns the group).
    void enter();
    // __aexit__: waits for every task; `exc` is what left the body (null: nothing).
    // Throws ExceptionGroup, CancelledError, or returns normally.
    Task<void> exit(std::exception_ptr exc);

    template <class T>
    TaskHandle<T> create_task(Task<T> coro, std::string name = {})
    {
        check_can_create();
        TaskHandle<T> t = loop_->create_task(std::move(coro), std::move(name));
        adopt(t);
        return t;
    }

    // async with TaskGroup() as tg: await body(tg)
    Task<void> run(std::function<Task<void>(TaskGroup&)> body);

private:
    void check_can_create() const;
    void adopt(const TaskRef& t);
    void on_task_done(FutureBase& t);
    void abort();

    EventLoop* loop_;
    TaskRef parent_;
    std::vector<TaskRef> tasks_;
    std::vector<std::exception_ptr> errors_;
    Future<void> on_completed_;
    bool entered_ = false;
    bool exiting_ = false;
    bool aborting_ = false;
    bool parent_cancel_requested_ = false;
};

}  // namespace aio
