// asyncio.Queue, PriorityQueue and LifoQueue: put waits while full, get waits
// while empty, both FIFO-fair among waiters; task_done/join count unfinished
// items. A getter or putter cancelled after being chosen passes the wake-up on.
// Loop thread only.
#pragma once

#include <engine/event.hpp>
#include <engine/heapq.hpp>
#include <engine/resource.hpp>
#include <engine/task.hpp>
#include <engine/trace_text.hpp>
#include <engine/waiter_list.hpp>

#include <deque>
#include <vector>

namespace aio {

namespace detail {

template <class T>
struct FifoStore {
    static constexpr ResourceKind kind = ResourceKind::queue;
    std::deque<T> items;
    void put(T v) { items.push_back(std::move(v)); }
    T get() { T v = std::move(items.front()); items.pop_front(); return v; }
    // In the order get() will hand them out.
    template <class F> void for_each_in_order(std::size_t limit, F f) const
    {
        for (std::size_t i = 0; i < items.size() && i < limit; ++i)
            f(items[i]);
    }
};

template <class T>
struct LifoStore {
    static constexpr ResourceKind kind = ResourceKind::lifo_queue;
    std::vector<T> items;
    void put(T v) { items.push_back(std::move(v)); }
    T get() { T v = std::move(items.back()); items.pop_back(); return v; }
    template <class F> void for_each_in_order(std::size_t limit, F f) const
    {
        for (std::size_t i = 0; i < items.size() && i < limit; ++i)
            f(items[items.size() - 1 - i]);
    }
};

template <class T>
struct PriorityStore {
    static constexpr ResourceKind kind = ResourceKind::priority_queue;
    std::vector<T> items;  // a heapq heap
    void put(T v) { heapq::push(items, std::move(v)); }
    T get() { return heapq::pop(items); }
    // Heap order (as CPython's repr of the queue shows it).
    template <class F> void for_each_in_order(std::size_t limit, F f) const
    {
        for (std::size_t i = 0; i < items.size() && i < limit; ++i)
            f(items[i]);
    }
};

void wake_up_next(std::deque<Future<void>>& waiters);

}  // namespace detail

template <class T, template <class> class Store>
class BasicQueue : public Resource {
public:
    // maxsize <= 0 means unbounded.
    explicit BasicQueue(EventLoop& loop, long maxsize = 0, std::string name = {})
        : Resource(loop, Store<T>::kind, std::move(name), maxsize), maxsize_(maxsize), finished_(loop, this->name() + ".finished")
    {
        finished_.set();
    }

    std::size_t qsize() const noexcept { return store_.items.size(); }
    long maxsize() const noexcept { return maxsize_; }
    bool empty() const noexcept { return store_.items.empty(); }
    bool full() const noexcept { return maxsize_ > 0 && long(qsize()) >= maxsize_; }
    std::size_t unfinished_tasks() const noexcept { return unfinished_; }

    Task<void> put(T item)
    {
        while (full()) {
            Future<void> putter(loop());
            putter.set_resource(this, WaitKind::queue_put);
            putters_.push_back(putter);
            try {
                co_await putter;
            } catch (...) {
                putter.cancel();  // in case it is not done yet
                remove(putters_, putter);
                if (!full() && !putter.cancelled())
                    detail::wake_up_next(putters_);
                throw;
            }
        }
        put_nowait(std::move(item));
    }

    // QueueFull when full.
    void put_nowait(T item)
    {
        if (full())
            throw QueueFull();
        store_.put(std::move(item));
        ++unfinished_;
        finished_.clear();
        trace_contents();
        detail::wake_up_next(getters_);
    }

    Task<T> get()
    {
        while (empty()) {
            Future<void> getter(loop());
            getter.set_resource(this, WaitKind::queue_get);
            getters_.push_back(getter);
            trace(EventKind::resource_waiters, 0, std::int64_t(getters_.size()));
            try {
                co_await getter;
            } catch (...) {
                getter.cancel();
                remove(getters_, getter);
                trace(EventKind::resource_waiters, 0, std::int64_t(getters_.size()));
                if (!empty() && !getter.cancelled())
                    detail::wake_up_next(getters_);
                throw;
            }
        }
        co_return get_nowait();
    }

    // QueueEmpty when empty.
    T get_nowait()
    {
        if (empty())
            throw QueueEmpty();
        T item = store_.get();
        trace_contents();
        detail::wake_up_next(putters_);
        return item;
    }

    // ValueError("task_done() called too many times") past the number of puts.
    void task_done()
    {
        if (unfinished_ == 0)
            throw ValueError("task_done() called too many times");
        if (--unfinished_ == 0)
            finished_.set();
    }

    Task<void> join()
    {
        if (unfinished_ > 0)
            co_await finished_.wait();
    }

private:
    static void remove(std::deque<Future<void>>& q, const Future<void>& f)
    {
        for (auto it = q.begin(); it != q.end(); ++it)
            if (*it == f) {
                q.erase(it);
                return;
            }
    }

    void trace_contents() const
    {
        if (!loop().tracer()) [[likely]]
            return;
        std::string text = "[";
        constexpr std::size_t kShown = 8;
        bool first = true;
        store_.for_each_in_order(kShown, [&](const T& v) {
            if (!first)
                text += ", ";
            first = false;
            text += trace_text(v);
        });
        if (qsize() > kShown)
            text += ", … +" + std::to_string(qsize() - kShown);
        text += "]";
        trace(EventKind::queue_contents, 0, std::int64_t(qsize()), text);
        trace(EventKind::resource_state, 0, std::int64_t(qsize()));
    }

    Store<T> store_;
    std::deque<Future<void>> getters_;
    std::deque<Future<void>> putters_;
    long maxsize_;
    std::size_t unfinished_ = 0;
    Event finished_;
};

template <class T>
using Queue = BasicQueue<T, detail::FifoStore>;
template <class T>
using LifoQueue = BasicQueue<T, detail::LifoStore>;
template <class T>
using PriorityQueue = BasicQueue<T, detail::PriorityStore>;

}  // namespace aio
