#include <engine/task.hpp>

#include <engine/resource.hpp>

namespace aio {

bool loop_is_alive(const EventLoop* loop);

TaskBase::TaskBase(EventLoop& loop, std::coroutine_handle<> root, std::string&& name)
    : FutureBase(loop), root_(root)
{
    kind_ = Kind::task;
    number_ = loop.next_task_number();
    if (!name.empty())
        name_ = std::make_unique<std::string>(std::move(name));
    id();
    loop.register_task(this);
    if (loop.tracer()) [[unlikely]]
        loop.trace(EventKind::task_created, 0, id_, loop.current_actor(), 0, get_name());
    loop.schedule(detail::Ref<detail::Runnable>(this));
}

TaskBase::~TaskBase()
{
    if (status_ == FutureStatus::finished && exception_ && log_traceback_ && loop_is_alive(loop_))
        loop_->call_exception_handler({"Task exception was never retrieved", exception_, describe()});
    log_traceback_ = false;
    if (root_)
        root_.destroy();
}

std::string TaskBase::get_name() const
{
    if (name_)
        return *name_;
    return "Task-" + std::to_string(number_);
}

void TaskBase::set_name(std::string name)
{
    name_ = std::make_unique<std::string>(std::move(name));
    loop_->trace(EventKind::task_renamed, 0, id_, 0, 0, *name_);
}

std::string TaskBase::describe() const { return "Task '" + get_name() + "'"; }

bool TaskBase::cancel(std::string message)
{
    log_traceback_ = false;
    if (done())
        return false;
    ++num_cancels_requested_;
    if (loop_->tracer()) [[unlikely]]
        loop_->trace(EventKind::task_cancel, 0, id_, loop_->current_actor(), 0, message);
    // Keep fut_waiter_: it may be a task that swallows the cancellation, and a
    // later cancel() must reach it again.
    if (fut_waiter_ && fut_waiter_->cancel(message))
        return true;
    must_cancel_ = true;
    if (!message.empty())
        cancel_message_ = std::make_unique<std::string>(std::move(message));
    else
        cancel_message_.reset();
    return true;
}

void TaskBase::run()
{
    if (done() || !root_)
        return;
    EventLoop& loop = *loop_;
    // No reference taken here: the loop's ready queue holds one for the whole step.
    if (must_cancel_) [[unlikely]] {
        exception_ = std::make_exception_ptr(CancelledError(cancel_message()));
        must_cancel_ = false;
    }
    fut_waiter_.reset();
    wait_kind_ = WaitKind::none;
    TaskBase* const previous = loop.current_task_;
    loop.current_task_ = this;
    if (loop.tracer()) [[unlikely]]
        loop.trace(EventKind::task_resumed, 0, id_, 0, 0, {});
    bool never_ran = false;
    if (!started_) [[unlikely]] {
        started_ = true;
        if (exception_) {
            // Cancelled before its first step: the body never runs (asyncio throws
            // into a coroutine that has not started).
            root_promise().exception = std::exchange(exception_, nullptr);
            never_ran = true;
        } else {
            detail::resume_chain(root_);
        }
    } else {
        detail::resume_chain(resume_point_);
    }
    if (never_ran || root_.done())
        finish_from_root();
    loop.current_task_ = previous;
}

void TaskBase::finish_from_root()
{
    std::exception_ptr exc = root_promise().exception;
    FinishKind how = FinishKind::done;
    if (exc && is_cancelled_error(exc)) {
        must_cancel_ = false;
        status_ = FutureStatus::cancelled;
        // Kept as is: result() rethrows this very CancelledError (no new throw
        // here), and its message is read only when someone asks.
        exception_ = exc;
        cancel_message_.reset();
        how = FinishKind::cancelled;
    } else if (exc) {
        exception_ = exc;
        log_traceback_ = true;
        status_ = FutureStatus::finished;
        how = FinishKind::failed;
    } else if (must_cancel_) {
        // Cancelled right before the coroutine returned.
        must_cancel_ = false;
        status_ = FutureStatus::cancelled;
        how = FinishKind::cancelled;
    } else {
        take_root_result();
        status_ = FutureStatus::finished;
    }
    if (loop_->tracer()) [[unlikely]] {
        std::string text;
        if (how == FinishKind::failed)
            text = describe_exception(exception_);
        else if (how == FinishKind::cancelled)
            text = cancel_message();
        else
            text = result_text();
        loop_->trace(EventKind::task_finished, static_cast<std::uint8_t>(how), id_, 0, static_cast<std::int64_t>(how), text);
    }
    root_.destroy();
    root_ = {};
    resume_point_ = {};
    schedule_callbacks();
    loop_->unregister_task(this);
}

void TaskBase::suspend_on(FutureBase& f, std::coroutine_handle<> h, WaitKind kind, std::string_view what)
{
    resume_point_ = h;
    fut_waiter_ = detail::Ref<FutureBase>(&f);
    if (kind == WaitKind::none)
        kind = f.wait_kind();
    wait_kind_ = kind;
    f.add_task_waiter(this);
    if (loop_->tracer()) [[unlikely]] {
        const ObjectId obj = f.resource() ? f.resource()->id() : f.id();
        loop_->trace(EventKind::task_suspended, static_cast<std::uint8_t>(kind), id_, obj, static_cast<std::int64_t>(kind),
                     what.empty() ? std::string_view(f.describe()) : what);
    }
    if (must_cancel_) {
        if (f.cancel(cancel_message()))
            must_cancel_ = false;
    }
}

void TaskBase::trace_yield()
{
    // One event, no task_ready after it: a yield is ready at once (see trace.hpp).
    // Switch-heavy programs record a third fewer events this way.
    loop_->trace(EventKind::task_suspended, static_cast<std::uint8_t>(WaitKind::yield), id_, 0,
                 static_cast<std::int64_t>(WaitKind::yield), "sleep(0)");
}

void TaskBase::abandon() noexcept
{
    if (fut_waiter_) {
        fut_waiter_->remove_task_waiter(this);
        fut_waiter_.reset();
    }
    if (root_) {
        root_.destroy();
        root_ = {};
        }
    if (status_ == FutureStatus::pending)
        status_ = FutureStatus::cancelled;
    clear_callbacks();
    loop_->unregister_task(this);
}

TaskBase* detail::suspend_current_task_on(FutureBase* f, std::coroutine_handle<> h)
{
    TaskBase* task = f->loop().current_task();
    if (!task)
        throw RuntimeError("await outside of a task");
    if (f == task)
        throw RuntimeError("Task cannot await on itself: " + task->describe());
    task->suspend_on(*f, h);
    return task;
}

TaskRef current_task()
{
    EventLoop* loop = EventLoop::running_loop();
    if (!loop || !loop->current_task())
        return {};
    return TaskRef(loop->current_task());
}

}  // namespace aio
