// asyncio.Queue, PriorityQueue and LifoQueue: put waits while full, get waits
// while empty, both FIFO-fair among waiters; task_done/join count unfinished
// items. A getter or putter cancelled after being chosen passes the wake-up on.
// Loop thread only.
#pragma once

#include <engine/event.hpp>
#include <engine/fast_path.hpp>
#include <engine/heapq.hpp>
#include <engine/resource.hpp>
#include <engine/retained_allocator.hpp>
#include <engine/task.hpp>
#include <engine/trace_text.hpp>
#include <engine/waiter_list.hpp>

#include <deque>
#include <optional>
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
    std::vector<T, RetainedAllocator<T>> items;
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
    std::vector<T, RetainedAllocator<T>> items;  // a heapq heap
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

// What BasicQueue::put and get return. Awaiting one puts or takes at once when the
// queue has room or items, as asyncio's put and get do without suspending, and
// otherwise waits (see FastPathAwaiter).
template <class Q, class T>
class [[nodiscard]] QueuePut : detail::FastPathAwaiter<void> {
public:
    QueuePut(Q& q, T item) : q_(q), item_(std::move(item)) {}
    bool await_ready()
    {
        if (q_.full())
            return false;
        q_.put_nowait(std::move(item_));
        return true;
    }
    void await_suspend(std::coroutine_handle<> h) { await_slow(q_.put_waiting(std::move(item_)), h); }
    void await_resume()
    {
        if (took_slow_path())
            slow_result();
    }
    // As a Task (for create_task, wait_for): the whole operation in a coroutine.
    Task<void> task() && { return q_.put_waiting(std::move(item_)); }

private:
    Q& q_;
    T item_;
};

template <class Q, class T>
class [[nodiscard]] QueueGet : detail::FastPathAwaiter<T> {
public:
    explicit QueueGet(Q& q) : q_(q) {}
    bool await_ready()
    {
        if (q_.empty())
            return false;
        item_.emplace(q_.get_nowait());
        return true;
    }
    void await_suspend(std::coroutine_handle<> h) { this->await_slow(q_.get_waiting(), h); }
    T await_resume() { return item_ ? std::move(*item_) : this->slow_result(); }
    Task<T> task() && { return q_.get_waiting(); }

private:
    Q& q_;
    std::optional<T> item_;
};

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

    QueuePut<BasicQueue, T> put(T item) { return {*this, std::move(item)}; }

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
        trace_waiters();
    }

    QueueGet<BasicQueue, T> get() { return QueueGet<BasicQueue, T>(*this); }

    // QueueEmpty when empty.
    T get_nowait()
    {
        if (empty())
            throw QueueEmpty();
        T item = store_.get();
        trace_contents();
        detail::wake_up_next(putters_);
        trace_waiters();
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
    friend class QueuePut<BasicQueue, T>;
    friend class QueueGet<BasicQueue, T>;

    // The waiting paths of put() and get(): asyncio's put and get, line for line.
    Task<void> put_waiting(T item)
    {
        while (full()) {
            Future<void> putter(loop());
            putter.set_resource(this, WaitKind::queue_put);
            putters_.push_back(putter);
            trace_waiters();
            try {
                co_await putter;
            } catch (...) {
                putter.cancel();  // in case it is not done yet
                remove(putters_, putter);
                trace_waiters();
                if (!full() && !putter.cancelled())
                    detail::wake_up_next(putters_);
                throw;
            }
        }
        put_nowait(std::move(item));
    }

    Task<T> get_waiting()
    {
        while (empty()) {
            Future<void> getter(loop());
            getter.set_resource(this, WaitKind::queue_get);
            getters_.push_back(getter);
            trace_waiters();
            try {
                co_await getter;
            } catch (...) {
                getter.cancel();
                remove(getters_, getter);
                trace_waiters();
                if (!empty() && !getter.cancelled())
                    detail::wake_up_next(getters_);
                throw;
            }
        }
        co_return get_nowait();
    }

    static void remove(std::deque<Future<void>>& q, const Future<void>& f)
    {
        for (auto it = q.begin(); it != q.end(); ++it)
            if (*it == f) {
                q.erase(it);
                return;
            }
    }

    // Tasks blocked in get() or put(): a woken waiter has already left its deque
    // (asyncio's _wakeup_next pops it). Recorded only when the number changes, as
    // put_nowait and get_nowait ask on every item.
    void trace_waiters()
    {
        if (!loop().tracer()) [[likely]]
            return;
        const std::size_t n = getters_.size() + putters_.size();
        if (n == traced_waiters_)
            return;
        traced_waiters_ = n;
        trace(EventKind::resource_waiters, 0, std::int64_t(n));
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
    std::size_t traced_waiters_ = 0;
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
