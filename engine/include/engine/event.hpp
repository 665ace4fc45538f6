// asyncio.Event: a flag tasks can wait for. set() wakes every waiter. Loop thread only.
#pragma once

#include <engine/resource.hpp>
#include <engine/task.hpp>
#include <engine/waiter_list.hpp>

namespace aio {

class Event : public Resource {
public:
    explicit Event(EventLoop& loop, std::string name = {});
    bool is_set() const noexcept { return value_; }
    void set();
    void clear();
    Task<bool> wait();
    std::size_t waiting() const noexcept { return waiters_.size(); }

private:
    detail::WaiterList waiters_;
    bool value_ = false;
};

}  // namespace aio
