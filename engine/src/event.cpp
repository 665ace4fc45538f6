#include <engine/event.hpp>

namespace aio {

Event::Event(EventLoop& loop, std::string name) : Resource(loop, ResourceKind::event, std::move(name))
{
    trace(EventKind::resource_state, 0, 0);
}

void Event::set()
{
    if (value_)
        return;
    value_ = true;
    trace(EventKind::resource_state, loop().current_actor(), 1);
    for (auto& fut : waiters_)
        if (!fut.done())
            fut.set_result();
}

void Event::clear()
{
    if (!value_)
        return;
    value_ = false;
    trace(EventKind::resource_state, loop().current_actor(), 0);
}

Task<bool> Event::wait()
{
    if (value_)
        co_return true;
    auto fut = waiters_.add(loop(), this, WaitKind::event);
    trace(EventKind::resource_waiters, 0, std::int64_t(waiters_.size()));
    detail::Finally remove{[&] {
        waiters_.remove(fut);
        trace(EventKind::resource_waiters, 0, std::int64_t(waiters_.size()));
    }};
    co_await fut;
    co_return true;
}

}  // namespace aio
