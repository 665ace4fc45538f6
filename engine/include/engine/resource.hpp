// Base of the synchronisation primitives and queues: an id and name in the trace,
// and who holds it, for deadlock reports. Loop thread only.
#pragma once

#include <engine/event_loop.hpp>
#include <engine/trace.hpp>

#include <string>
#include <vector>

namespace aio {

class Resource {
public:
    Resource(EventLoop& loop, ResourceKind kind, std::string name, std::int64_t capacity = 0);
    virtual ~Resource() = default;
    Resource(const Resource&) = delete;
    Resource& operator=(const Resource&) = delete;

    EventLoop& loop() const noexcept { return *loop_; }
    ObjectId id() const noexcept { return id_; }
    ResourceKind kind() const noexcept { return kind_; }
    const std::string& name() const noexcept { return name_; }
    // "Lock 'db'"
    std::string describe() const;
    // Tasks holding it now (a lock's owner, a semaphore's holders), for wait-for chains.
    virtual std::vector<TaskBase*> holders() const { return {}; }

protected:
    void trace(EventKind kind, ObjectId b, std::int64_t value, std::string_view text = {}) const
    {
        loop_->trace(kind, static_cast<std::uint8_t>(kind_), id_, b, value, text);
    }

private:
    EventLoop* loop_;
    ObjectId id_;
    ResourceKind kind_;
    std::string name_;
};

}  // namespace aio
