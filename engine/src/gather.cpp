#include <engine/gather.hpp>


namespace aio {

namespace detail {

GatherState::GatherState(EventLoop& loop, std::vector<FutureRef> children, bool return_exceptions)
    : FutureBase(loop), children_(std::move(children)), return_exceptions_(return_exceptions) {}

void GatherState::start()
{
    // A future given twice is awaited once. Duplicates are found with each
    // future's scratch mark (no set to fill), cleared again before returning.
    struct ClearMarks {
        std::vector<FutureRef>& children;
        ~ClearMarks()
        {
            for (auto& c : children)
                c->scratch_mark_ = false;
        }
    } clear{children_};
    for (auto& c : children_) {
        if (c->scratch_mark_)
            continue;
        c->scratch_mark_ = true;
        ++unique_;
        c->add_done_hook(this);
    }
    if (unique_ == 0) {  // gather() of nothing is done at once
        done_children_.emplace();
        finish();
    }
}

std::string GatherState::describe() const
{
    return "gather of " + std::to_string(done_children_ ? done_children_->size() : children_.size());
}

const FutureBase* GatherState::first_pending_awaited() const noexcept
{
    for (const auto& c : children_)
        if (!c.done())
            return c.get();
    return nullptr;
}

bool GatherState::cancel(std::string message)
{
    if (done())
        return false;
    bool any = false;
    for (auto& c : children_)
        if (c.cancel(message))
            any = true;
    if (any)
        cancel_requested_ = true;
    return any;
}

void GatherState::child_done(FutureBase& child)
{
    ++finished_;
    if (done()) {
        if (!child.cancelled())
            (void)child.exception();  // mark it retrieved
        return;
    }
    if (!return_exceptions_) {
        if (child.cancelled()) {
            set_exception(std::make_exception_ptr(CancelledError(child.cancel_message())));
            return;
        }
        if (auto e = child.exception()) {
            set_exception(e);
            return;
        }
    }
    if (finished_ == unique_) {
        for (auto& c : children_)
            if (!c.cancelled())
                (void)c.exception();  // the caller reads them from the children
        if (cancel_requested_) {
            set_exception(std::make_exception_ptr(CancelledError(child.cancel_message())));
        } else {
            done_children_.emplace(std::move(children_));  // the result; a done gather needs no other list
            children_.clear();
            finish();
        }
    }
}

}  // namespace detail

GatherFuture gather(EventLoop& loop, std::vector<FutureRef> children, bool return_exceptions)
{
    detail::Ref<detail::GatherState> state(new detail::GatherState(loop, std::move(children), return_exceptions));
    state->start();
    return GatherFuture(detail::Ref<FutureBase>(state.get()));
}

Task<void> gather(std::vector<TaskHandle<void>> tasks)
{
    EventLoop* loop = EventLoop::running_loop();
    if (!loop)
        throw RuntimeError("no running event loop");
    co_await gather(*loop, std::vector<FutureRef>(tasks.begin(), tasks.end()));
}

}  // namespace aio
