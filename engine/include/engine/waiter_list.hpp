// The FIFO of waiter futures every primitive keeps (asyncio's collections.deque
// of futures). Loop thread only.
#pragma once

#include <engine/future.hpp>

#include <algorithm>
#include <deque>

namespace aio::detail {

class WaiterList {
public:
    using Waiter = Future<void>;
    bool empty() const noexcept { return q_.empty(); }
    std::size_t size() const noexcept { return q_.size(); }
    Waiter add(EventLoop& loop, Resource* r, WaitKind kind)
    {
        Waiter w(loop);
        w.set_resource(r, kind);
        q_.push_back(w);
        return w;
    }
    void remove(const Waiter& w)
    {
        // The woken waiter is usually the first.
        if (!q_.empty() && q_.front() == w) {
            q_.pop_front();
            return;
        }
        auto it = std::find(q_.begin(), q_.end(), w);
        if (it != q_.end())
            q_.erase(it);
    }
    auto begin() { return q_.begin(); }
    auto end() { return q_.end(); }
    auto begin() const { return q_.begin(); }
    auto end() const { return q_.end(); }
    Waiter& front() { return q_.front(); }
    void pop_front() { q_.pop_front(); }
    bool all_cancelled() const
    {
        return std::all_of(q_.begin(), q_.end(), [](const Waiter& w) { return w.cancelled(); });
    }

private:
    std::deque<Waiter> q_;
};

// Runs a function when leaving a scope (the `finally:` of asyncio's code).
template <class F>
struct Finally {
    F f;
    ~Finally() { f(); }
};
template <class F>
Finally(F) -> Finally<F>;

}  // namespace aio::detail
