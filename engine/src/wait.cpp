#include <engine/wait.hpp>
#include <engine/queue.hpp>
#include <engine/waiter_list.hpp>

#include <algorithm>
#include <unordered_set>

namespace aio {

namespace {

std::vector<FutureRef> unique(std::vector<FutureRef> fs)
{
    std::vector<FutureRef> out;
    std::unordered_set<FutureBase*> seen;
    for (auto& f : fs)
        if (seen.insert(f.get()).second)
            out.push_back(f);
    return out;
}

}  // namespace

Task<WaitResult> wait(std::vector<FutureRef> fs, std::optional<double> timeout, ReturnWhen return_when)
{
    if (fs.empty())
        throw ValueError("Set of Tasks/Futures is empty.");
    EventLoop* loop = EventLoop::running_loop();
    if (!loop)
        throw RuntimeError("no running event loop");
    fs = unique(std::move(fs));
    Future<void> waiter = loop->create_future<void>();
    waiter.set_wait_kind(WaitKind::wait);
    auto release = [waiter]() mutable {
        if (!waiter.done())
            waiter.set_result();
    };
    TimerHandle timeout_handle;
    if (timeout)
        timeout_handle = loop->call_later(*timeout, release, "wait timeout");
    auto counter = std::make_shared<std::size_t>(fs.size());
    std::vector<std::uint64_t> ids;
    for (auto& f : fs) {
        ids.push_back(f.add_done_callback([=](FutureBase& done) mutable {
            --*counter;
            if (*counter == 0 || return_when == ReturnWhen::first_completed ||
                (return_when == ReturnWhen::first_exception && !done.cancelled() && done.exception())) {
                TimerHandle(timeout_handle).cancel();
                release();
            }
        }));
    }
    {
        detail::Finally cleanup{[&] {
            timeout_handle.cancel();
            for (std::size_t i = 0; i < fs.size(); ++i)
                fs[i].remove_done_callback(ids[i]);
        }};
        co_await waiter;
    }
    WaitResult r;
    for (auto& f : fs)
        (f.done() ? r.done : r.pending).push_back(f);
    co_return r;
}

struct AsCompleted::State {
    EventLoop* loop = nullptr;
    std::vector<FutureRef> todo;
    std::vector<std::uint64_t> ids;
    std::deque<std::optional<FutureRef>> done;  // nullopt: the timeout's marker
    std::deque<Future<void>> getters;
    TimerHandle timeout_handle;

    void put(std::optional<FutureRef> f)
    {
        done.push_back(std::move(f));
        detail::wake_up_next(getters);
    }
};

AsCompleted::AsCompleted(std::vector<FutureRef> fs, std::optional<double> timeout) : state_(std::make_shared<State>())
{
    EventLoop* loop = EventLoop::running_loop();
    if (!loop)
        throw RuntimeError("no running event loop");
    state_->loop = loop;
    state_->todo = unique(std::move(fs));
    total_ = state_->todo.size();
    std::weak_ptr<State> weak = state_;
    for (auto& f : state_->todo) {
        state_->ids.push_back(f.add_done_callback([weak](FutureBase& done) {
            auto s = weak.lock();
            if (!s || s->todo.empty())
                return;  // the timeout came first
            auto it = std::find_if(s->todo.begin(), s->todo.end(), [&](const FutureRef& x) { return x.get() == &done; });
            if (it != s->todo.end()) {
                s->put(*it);
                s->todo.erase(it);
            }
            if (s->todo.empty())
                s->timeout_handle.cancel();
        }));
    }
    if (!state_->todo.empty() && timeout) {
        state_->timeout_handle = loop->call_later(*timeout, [weak] {
            auto s = weak.lock();
            if (!s)
                return;
            // One marker for each future still running; their callbacks then see
            // an empty todo and do nothing.
            for (std::size_t i = 0; i < s->todo.size(); ++i)
                s->put(std::nullopt);
            s->todo.clear();
        }, "as_completed timeout");
    }
}

Task<FutureRef> AsCompleted::next()
{
    auto s = state_;
    while (s->done.empty()) {
        Future<void> getter = s->loop->create_future<void>();
        getter.set_wait_kind(WaitKind::wait);
        s->getters.push_back(getter);
        co_await getter;
    }
    std::optional<FutureRef> f = std::move(s->done.front());
    s->done.pop_front();
    if (!f)
        throw TimeoutError();
    co_return *f;
}

}  // namespace aio
