#include <engine/timeout.hpp>

namespace aio {

void Timeout::reschedule(std::optional<double> when)
{
    if (state_ != State::entered) {
        static const char* names[] = {"created", "active", "expiring", "expired", "finished"};
        throw RuntimeError(std::string("Cannot change state of ") + names[int(state_)] + " Timeout");
    }
    when_ = when;
    handle_.cancel();
    handle_ = Handle();
    if (!when)
        return;
    if (*when <= loop_->time())
        handle_ = loop_->call_soon([this] { on_timeout(); }, "timeout");
    else
        handle_ = loop_->call_at(*when, [this] { on_timeout(); }, "timeout");
}

void Timeout::enter()
{
    if (state_ != State::created)
        throw RuntimeError("Timeout has already been entered");
    TaskBase* t = loop_->current_task();
    if (!t)
        throw RuntimeError("Timeout should be used inside a task");
    state_ = State::entered;
    task_ = TaskRef(t);
    cancelling_ = t->cancelling();
    reschedule(when_);
}

void Timeout::exit(std::exception_ptr& exc)
{
    handle_.cancel();
    handle_ = Handle();
    if (state_ == State::expiring) {
        state_ = State::expired;
        bool is_cancel = false;
        if (exc) {
            try {
                std::rethrow_exception(exc);
            } catch (const CancelledError&) {
                is_cancel = true;
            } catch (...) {
            }
        }
        if (task_.uncancel() <= cancelling_ && is_cancel)
            exc = std::make_exception_ptr(TimeoutError());
    } else if (state_ == State::entered) {
        state_ = State::exited;
    }
}

void Timeout::on_timeout()
{
    handle_ = Handle();
    loop_->trace(EventKind::task_timeout, 0, task_.id(), 0, loop_->time_ns(), {});
    task_.cancel();
    state_ = State::expiring;
}

}  // namespace aio
