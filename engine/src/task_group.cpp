#include <engine/task_group.hpp>

#include <algorithm>

namespace aio {


ExceptionGroup::ExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions)
    : Error(message + " (" + std::to_string(exceptions.size()) + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")"),
      message_(std::move(message)), exceptions_(std::move(exceptions)) {}

void TaskGroup::enter()
{
    if (entered_)
        throw RuntimeError("TaskGroup has already been entered");
    TaskBase* t = loop_->current_task();
    if (!t)
        throw RuntimeError("TaskGroup cannot determine the parent task");
    parent_ = TaskRef(t);
    entered_ = true;
}

void TaskGroup::check_can_create() const
{
    if (!entered_)
        throw RuntimeError("TaskGroup has not been entered");
    if (exiting_ && tasks_.empty())
        throw RuntimeError("TaskGroup is finished");
    if (aborting_)
        throw RuntimeError("TaskGroup is shutting down");
}

void TaskGroup::adopt(const TaskRef& t)
{
    tasks_.push_back(t);
    TaskRef ref = t;
    ref.add_done_callback([this](FutureBase& f) { on_task_done(f); });
}

void TaskGroup::abort()
{
    aborting_ = true;
    for (auto& t : tasks_)
        if (!t.done())
            t.cancel();
}

void TaskGroup::on_task_done(FutureBase& f)
{
    tasks_.erase(std::remove_if(tasks_.begin(), tasks_.end(), [&](const TaskRef& t) { return t.get() == &f; }), tasks_.end());
    if (on_completed_ && tasks_.empty() && !on_completed_.done())
        on_completed_.set_result();
    if (f.cancelled())
        return;
    std::exception_ptr exc = f.exception();
    if (!exc)
        return;
    errors_.push_back(exc);
    if (parent_.done()) {
        loop_->call_exception_handler({"Task has errored out but its parent task is already completed", exc, f.describe()});
        return;
    }
    if (!aborting_ && !parent_cancel_requested_) {
        abort();
        parent_cancel_requested_ = true;
        parent_.cancel();
    }
}

Task<void> TaskGroup::exit(std::exception_ptr exc)
{
    exiting_ = true;
    const bool cancelled_exit = is_cancelled_error(exc);
    std::exception_ptr propagate_cancellation = cancelled_exit ? exc : nullptr;
    if (parent_cancel_requested_ && parent_.uncancel() == 0)
        propagate_cancellation = nullptr;
    if (exc && !aborting_)
        abort();
    while (!tasks_.empty()) {
        if (!on_completed_) {
            on_completed_ = loop_->create_future<void>();
            on_completed_.set_wait_kind(WaitKind::wait);
        }
        try {
            co_await on_completed_;
        } catch (const CancelledError&) {
            if (!aborting_) {
                propagate_cancellation = std::current_exception();
                abort();
            }
        }
        on_completed_ = Future<void>();
    }
    if (propagate_cancellation && errors_.empty())
        std::rethrow_exception(propagate_cancellation);
    if (exc && !cancelled_exit)
        errors_.push_back(exc);
    if (!errors_.empty()) {
        auto errors = std::move(errors_);
        errors_.clear();
        throw ExceptionGroup("unhandled errors in a TaskGroup", std::move(errors));
    }
}

Task<void> TaskGroup::run(std::function<Task<void>(TaskGroup&)> body)
{
    enter();
    std::exception_ptr exc;
    try {
        co_await body(*this);
    } catch (...) {
        exc = std::current_exception();
    }
    co_await exit(exc);
}

}  // namespace aio
