#include <engine/resource.hpp>

namespace aio {

Resource::Resource(EventLoop& loop, ResourceKind kind, std::string name, std::int64_t capacity)
    : loop_(&loop), id_(loop.new_object_id()), kind_(kind), name_(std::move(name))
{
    if (name_.empty())
        name_ = std::string(to_string(kind)) + "-" + std::to_string(id_);
    loop.trace(EventKind::resource_created, static_cast<std::uint8_t>(kind), id_, loop.current_actor(), capacity, name_);
}

std::string Resource::describe() const { return std::string(to_string(kind_)) + " '" + name_ + "'"; }

}  // namespace aio
