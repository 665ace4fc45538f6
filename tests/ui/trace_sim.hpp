// TraceSim: a tiny stand-in for the engine that plays scripted tasks on a virtual clock
// and records the trace a real asyncio run would (same event order: FIFO ready queue,
// timers in deadline order, wake-ups through the ready queue). The UI tests build their
// recorders with it so they never depend on the engine. Single-threaded, test-only.
#pragma once

#include <engine/recorder.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace sim {

using aio::ObjectId;
inline constexpr std::int64_t kSec = 1'000'000'000;

struct Step {
    enum Kind { Sleep, Spawn, Gather, AwaitTask, Acquire, Release, Put, Get, Block, Print, WaitFor, Return, Fail, Line } kind;
    std::int64_t ns = 0;        // Sleep/Block duration, WaitFor timeout, Line number
    ObjectId target = 0;        // resource for Acquire/Release/Put/Get
    std::vector<int> tasks;     // Spawn / Gather / AwaitTask / WaitFor: script indices
    std::string text;           // Print line, Return/Fail text, Put item, Block reason
};

inline Step sleepFor(double s) { return {Step::Sleep, std::int64_t(s * kSec), 0, {}, {}}; }
inline Step spawn(std::vector<int> t) { return {Step::Spawn, 0, 0, std::move(t), {}}; }
inline Step gather(std::vector<int> t) { return {Step::Gather, 0, 0, std::move(t), {}}; }
inline Step awaitTask(int t) { return {Step::AwaitTask, 0, 0, {t}, {}}; }
inline Step acquire(ObjectId r) { return {Step::Acquire, 0, r, {}, {}}; }
inline Step release(ObjectId r) { return {Step::Release, 0, r, {}, {}}; }
inline Step put(ObjectId q, std::string item) { return {Step::Put, 0, q, {}, std::move(item)}; }
inline Step get(ObjectId q) { return {Step::Get, 0, q, {}, {}}; }
inline Step block(double s, std::string why) { return {Step::Block, std::int64_t(s * kSec), 0, {}, std::move(why)}; }
inline Step print(std::string line) { return {Step::Print, 0, 0, {}, std::move(line)}; }
inline Step waitFor(int t, double timeout) { return {Step::WaitFor, std::int64_t(timeout * kSec), 0, {t}, {}}; }
inline Step returns(std::string text) { return {Step::Return, 0, 0, {}, std::move(text)}; }
inline Step fails(std::string text) { return {Step::Fail, 0, 0, {}, std::move(text)}; }
inline Step line(int n) { return {Step::Line, n, 0, {}, {}}; }

class TraceSim {
public:
    explicit TraceSim(aio::Recorder& rec) : rec_(rec) {}

    // Scripts are declared first (index = script number), spawned later by Spawn/WaitFor.
    int script(std::string name, std::vector<Step> steps)
    {
        scripts_.push_back({std::move(name), std::move(steps)});
        return int(scripts_.size()) - 1;
    }
    ObjectId semaphore(std::string name, int permits) { return resource(aio::ResourceKind::semaphore, std::move(name), permits); }
    ObjectId lock(std::string name) { return resource(aio::ResourceKind::lock, std::move(name), 1); }
    ObjectId queue(std::string name, int maxsize, aio::ResourceKind kind = aio::ResourceKind::queue)
    {
        return resource(kind, std::move(name), maxsize);
    }

    // Runs script `main` as asyncio.run would, until nothing is left to do.
    void run(int main)
    {
        createTask(main, 0);
        for (;;) {
            while (!ready_.empty()) {
                const ObjectId id = ready_.front();
                ready_.pop_front();
                step(id);
            }
            if (timers_.empty())
                break;
            const auto it = timers_.begin();
            now_ = std::max(now_, it->first.first);
            const auto fire = it->second;
            timers_.erase(it);
            fire();
        }
    }

    // Each step of a task costs this much loop time (a real clock), so running and
    // ready (queued behind other steps) become visible; 0 is the virtual clock.
    void setStepCost(std::int64_t ns) { stepCost_ = ns; }
    std::int64_t now() const { return now_; }
    ObjectId taskOf(int script) const { return spawned_.at(script); }
    ObjectId createdResource(const std::string& name) const { return resourceIds_.at(name); }

private:
    struct Script { std::string name; std::vector<Step> steps; };
    struct Task {
        ObjectId id = 0;
        int script = 0;
        std::size_t pc = 0;
        bool done = false;
        bool cancelled = false;
        bool pendingCancel = false;
        std::vector<ObjectId> waitingOn;  // tasks still to finish (gather / await / wait_for)
        ObjectId waiterParent = 0;        // the task awaiting this one
        std::uint64_t timer = 0;          // sleep timer to drop on cancel
        ObjectId timedOutBy = 0;
    };
    struct Resource {
        aio::ResourceKind kind{};
        std::string name;
        int capacity = 0;
        int level = 0;  // permits held / items queued
        std::deque<ObjectId> waiters;
        std::deque<ObjectId> putters;
        std::deque<std::string> items;
        std::map<ObjectId, int> held;
    };

    void record(aio::EventKind k, ObjectId a, ObjectId b = 0, std::int64_t value = 0, std::string_view text = {}, std::uint8_t sub = 0)
    {
        aio::TraceRecord r;
        r.time_ns = now_;
        r.kind = k;
        r.sub = sub;
        r.a = a;
        r.b = b;
        r.value = value;
        r.text = text;
        rec_.record(r);
    }

    ObjectId resource(aio::ResourceKind kind, std::string name, int capacity)
    {
        const ObjectId id = nextId_++;
        Resource& r = resources_[id];
        r.kind = kind;
        r.name = name;
        r.capacity = capacity;
        resourceIds_[name] = id;
        record(aio::EventKind::resource_created, id, 0, capacity, name, std::uint8_t(kind));
        if (kind == aio::ResourceKind::semaphore)
            record(aio::EventKind::resource_state, id, 0, capacity);
        else
            record(aio::EventKind::resource_state, id, 0, 0);
        return id;
    }

    ObjectId createTask(int script, ObjectId creator)
    {
        const ObjectId id = nextId_++;
        Task& t = tasks_[id];
        t.id = id;
        t.script = script;
        spawned_[script] = id;
        record(aio::EventKind::task_created, id, creator, 0, scripts_[std::size_t(script)].name);
        ready_.push_back(id);
        return id;
    }

    void addTimer(std::int64_t at, std::function<void()> f, std::uint64_t* handle = nullptr)
    {
        const std::uint64_t seq = ++timerSeq_;
        timers_[{at, seq}] = std::move(f);
        if (handle)
            *handle = seq;
    }

    void dropTimer(std::uint64_t seq)
    {
        for (auto it = timers_.begin(); it != timers_.end(); ++it)
            if (it->first.second == seq) {
                timers_.erase(it);
                return;
            }
    }

    void wake(ObjectId id, ObjectId waker, ObjectId via)
    {
        record(aio::EventKind::task_ready, id, waker, via);
        ready_.push_back(id);
    }

    std::string resourceLabel(const Resource& r)
    {
        switch (r.kind) {
        case aio::ResourceKind::lock: return "Lock '" + r.name + "'";
        case aio::ResourceKind::semaphore: return "Semaphore '" + r.name + "'";
        default: return "Queue '" + r.name + "'";
        }
    }

    std::string contents(const Resource& r)
    {
        std::string s = "[";
        for (std::size_t i = 0; i < r.items.size(); ++i)
            s += (i ? ", " : "") + r.items[i];
        return s + "]";
    }

    void publishQueue(ObjectId q, Resource& r)
    {
        record(aio::EventKind::resource_state, q, 0, std::int64_t(r.items.size()));
        record(aio::EventKind::queue_contents, q, 0, std::int64_t(r.items.size()), contents(r));
    }

    void finish(Task& t, aio::FinishKind kind, const std::string& text)
    {
        t.done = true;
        record(aio::EventKind::task_finished, t.id, 0, std::int64_t(kind), text, std::uint8_t(kind));
        // Whoever awaits this task is woken through the ready queue, by this task.
        for (auto& [id, other] : tasks_) {
            auto& w = other.waitingOn;
            const auto it = std::find(w.begin(), w.end(), t.id);
            if (it == w.end())
                continue;
            w.erase(it);
            if (w.empty() || other.timedOutBy)
                wake(id, t.id, t.id);
        }
    }

    // Runs one step of a task: from resume to its next suspension.
    void step(ObjectId id)
    {
        Task& t = tasks_.at(id);
        if (t.done)
            return;
        record(aio::EventKind::task_resumed, id);
        now_ += stepCost_;
        if (t.pendingCancel) {
            t.pendingCancel = false;
            finish(t, aio::FinishKind::cancelled, "");
            return;
        }
        if (t.timedOutBy) {
            record(aio::EventKind::print, id, 0, 0, "timed out");
            t.timedOutBy = 0;
        }
        auto& steps = scripts_[std::size_t(t.script)].steps;
        // Finish an acquire that was waiting: the permit is taken on resumption, as in asyncio.
        if (t.pc > 0 && t.pc <= steps.size()) {
            const Step& prev = steps[t.pc - 1];
            if (prev.kind == Step::Acquire && resources_.at(prev.target).held[id] == 0)
                take(id, prev.target);
            if (prev.kind == Step::Get)
                takeItem(id, prev.target);
        }
        while (t.pc < steps.size()) {
            const Step s = steps[t.pc++];
            switch (s.kind) {
            case Step::Line:
                record(aio::EventKind::task_line, id, 0, s.ns, "demo.py");
                break;
            case Step::Print:
                record(aio::EventKind::print, id, 0, 0, s.text);
                break;
            case Step::Block:
                record(aio::EventKind::loop_blocked, id, 0, s.ns, s.text);
                now_ += s.ns;
                break;
            case Step::Sleep: {
                const double secs = double(s.ns) / kSec;
                char buf[32];
                std::snprintf(buf, sizeof buf, "sleep(%g)", secs);
                record(aio::EventKind::task_suspended, id, 0, std::int64_t(aio::WaitKind::sleep), buf, std::uint8_t(aio::WaitKind::sleep));
                addTimer(now_ + s.ns, [this, id] { wake(id, 0, 0); }, &tasks_.at(id).timer);
                return;
            }
            case Step::Spawn:
                for (int sc : s.tasks)
                    createTask(sc, id);
                break;
            case Step::Gather:
            case Step::AwaitTask: {
                std::vector<ObjectId> pending;
                std::string what = s.kind == Step::Gather ? "gather(" : "Task '";
                for (std::size_t i = 0; i < s.tasks.size(); ++i) {
                    const ObjectId c = spawned_.at(s.tasks[i]);
                    what += (i ? ", " : "") + scripts_[std::size_t(s.tasks[i])].name;
                    if (!tasks_.at(c).done)
                        pending.push_back(c);
                }
                what += s.kind == Step::Gather ? ")" : "'";
                if (pending.empty())
                    break;
                tasks_.at(id).waitingOn = pending;
                const auto kind = s.kind == Step::Gather ? aio::WaitKind::gather : aio::WaitKind::task;
                record(aio::EventKind::task_suspended, id, pending.front(), std::int64_t(kind), what, std::uint8_t(kind));
                return;
            }
            case Step::WaitFor: {
                const ObjectId c = createTask(s.tasks[0], id);
                tasks_.at(id).waitingOn = {c};
                const std::string what = "wait_for(" + scripts_[std::size_t(s.tasks[0])].name + ")";
                record(aio::EventKind::task_suspended, id, c, std::int64_t(aio::WaitKind::wait), what, std::uint8_t(aio::WaitKind::wait));
                addTimer(now_ + s.ns, [this, id, c, deadline = now_ + s.ns] {
                    Task& inner = tasks_.at(c);
                    if (inner.done)
                        return;
                    tasks_.at(id).timedOutBy = c;
                    record(aio::EventKind::task_timeout, c, id, deadline);
                    record(aio::EventKind::task_cancel, c, id, 0);
                    if (inner.timer)
                        dropTimer(inner.timer);
                    inner.pendingCancel = true;
                    wake(c, 0, 0);
                });
                return;
            }
            case Step::Acquire: {
                Resource& r = resources_.at(s.target);
                if (r.level < r.capacity && r.waiters.empty()) {
                    take(id, s.target);
                    break;
                }
                r.waiters.push_back(id);
                record(aio::EventKind::resource_waiters, s.target, 0, std::int64_t(r.waiters.size()));
                const auto kind = r.kind == aio::ResourceKind::lock ? aio::WaitKind::lock : aio::WaitKind::semaphore;
                record(aio::EventKind::task_suspended, id, s.target, std::int64_t(kind), resourceLabel(r), std::uint8_t(kind));
                return;
            }
            case Step::Release: {
                Resource& r = resources_.at(s.target);
                --r.level;
                r.held[id] = 0;
                record(aio::EventKind::resource_released, s.target, id, 0);
                publishLevel(s.target, r, 0);
                if (!r.waiters.empty()) {
                    const ObjectId w = r.waiters.front();
                    r.waiters.pop_front();
                    record(aio::EventKind::resource_waiters, s.target, 0, std::int64_t(r.waiters.size()));
                    // Reserve the permit so nobody barges in before the waiter runs.
                    ++r.level;
                    r.held[w] = 0;
                    reserved_[w] = true;
                    wake(w, id, s.target);
                }
                break;
            }
            case Step::Put: {
                Resource& r = resources_.at(s.target);
                if (r.capacity > 0 && int(r.items.size()) >= r.capacity) {
                    r.putters.push_back(id);
                    --t.pc;  // retry the put when woken
                    record(aio::EventKind::task_suspended, id, s.target, std::int64_t(aio::WaitKind::queue_put),
                         resourceLabel(r) + ".put()", std::uint8_t(aio::WaitKind::queue_put));
                    return;
                }
                r.items.push_back(s.text);
                if (r.kind == aio::ResourceKind::priority_queue)
                    std::sort(r.items.begin(), r.items.end());
                publishQueue(s.target, r);
                if (!r.waiters.empty()) {
                    const ObjectId w = r.waiters.front();
                    r.waiters.pop_front();
                    record(aio::EventKind::resource_waiters, s.target, 0, std::int64_t(r.waiters.size()));
                    wake(w, id, s.target);
                }
                break;
            }
            case Step::Get: {
                Resource& r = resources_.at(s.target);
                if (r.items.empty()) {
                    r.waiters.push_back(id);
                    record(aio::EventKind::resource_waiters, s.target, 0, std::int64_t(r.waiters.size()));
                    record(aio::EventKind::task_suspended, id, s.target, std::int64_t(aio::WaitKind::queue_get),
                         resourceLabel(r) + ".get()", std::uint8_t(aio::WaitKind::queue_get));
                    return;
                }
                takeItem(id, s.target);
                break;
            }
            case Step::Return:
                finish(t, aio::FinishKind::done, s.text);
                return;
            case Step::Fail:
                finish(t, aio::FinishKind::failed, s.text);
                return;
            }
        }
        finish(tasks_.at(id), aio::FinishKind::done, "None");
    }

    void publishLevel(ObjectId rid, Resource& r, ObjectId holder)
    {
        if (r.kind == aio::ResourceKind::semaphore)
            record(aio::EventKind::resource_state, rid, holder, r.capacity - r.level);
        else
            record(aio::EventKind::resource_state, rid, holder, r.level);
    }

    void take(ObjectId id, ObjectId rid)
    {
        Resource& r = resources_.at(rid);
        if (!reserved_[id])
            ++r.level;
        reserved_[id] = false;
        r.held[id] = 1;
        publishLevel(rid, r, id);
        record(aio::EventKind::resource_acquired, rid, id, 1);
    }

    void takeItem(ObjectId id, ObjectId q)
    {
        Resource& r = resources_.at(q);
        if (r.items.empty())
            return;
        r.items.pop_front();
        publishQueue(q, r);
        if (!r.putters.empty()) {
            const ObjectId p = r.putters.front();
            r.putters.pop_front();
            wake(p, id, q);
        }
    }

    aio::Recorder& rec_;
    std::int64_t now_ = 0;
    ObjectId nextId_ = 1;
    std::uint64_t timerSeq_ = 0;
    std::int64_t stepCost_ = 0;
    std::vector<Script> scripts_;
    std::map<ObjectId, Task> tasks_;
    std::map<ObjectId, Resource> resources_;
    std::map<std::string, ObjectId> resourceIds_;
    std::map<int, ObjectId> spawned_;
    std::map<ObjectId, bool> reserved_;
    std::deque<ObjectId> ready_;
    std::map<std::pair<std::int64_t, std::uint64_t>, std::function<void()>> timers_;
};

// The scenarios the tests and screenshots share.

// async def work(n): await asyncio.sleep(n); return n
// async def main(): print(await asyncio.gather(work(5), work(3), work(4)))
inline void gather543(aio::Recorder& rec)
{
    TraceSim s(rec);
    const int w5 = s.script("work-5", {line(2), sleepFor(5), returns("5")});
    const int w3 = s.script("work-3", {line(2), sleepFor(3), returns("3")});
    const int w4 = s.script("work-4", {line(2), sleepFor(4), returns("4")});
    const int main = s.script("main", {line(5), spawn({w5, w3, w4}), gather({w5, w3, w4}), print("[5, 3, 4]"), returns("None")});
    s.run(main);
}

// sem = asyncio.Semaphore(3); 12 workers: async with sem: await asyncio.sleep(1 + i % 3 * 0.5)
inline void semaphore12(aio::Recorder& rec)
{
    TraceSim s(rec);
    const aio::ObjectId sem = s.semaphore("pool", 3);
    std::vector<int> workers;
    for (int i = 0; i < 12; ++i)
        workers.push_back(s.script("fetch-" + std::to_string(i),
                                   {acquire(sem), sleepFor(1 + (i % 3) * 0.5), release(sem), returns(std::to_string(i * i))}));
    const int main = s.script("main", {spawn(workers), gather(workers), returns("None")});
    s.run(main);
}

// semaphore12 on a real clock where every step takes 80 ms of CPU.
inline void semaphore12Realtime(aio::Recorder& rec)
{
    TraceSim s(rec);
    s.setStepCost(80'000'000);
    const aio::ObjectId sem = s.semaphore("pool", 3);
    std::vector<int> workers;
    for (int i = 0; i < 12; ++i)
        workers.push_back(s.script("fetch-" + std::to_string(i),
                                   {acquire(sem), sleepFor(1 + (i % 3) * 0.5), release(sem), returns(std::to_string(i * i))}));
    const int main = s.script("main", {spawn(workers), gather(workers), returns("None")});
    s.run(main);
}

// Four writers take turns on Lock 'db' (async with db: await asyncio.sleep(0.5)), twice
// each, on a real clock where a step takes 30 ms.
inline void lockContention(aio::Recorder& rec)
{
    TraceSim s(rec);
    s.setStepCost(30'000'000);
    const aio::ObjectId db = s.lock("db");
    std::vector<int> writers;
    for (int i = 0; i < 4; ++i)
        writers.push_back(s.script("writer-" + std::to_string(i),
                                   {acquire(db), sleepFor(0.5), release(db), sleepFor(0.2), acquire(db), sleepFor(0.3),
                                    release(db), returns("None")}));
    s.run(s.script("main", {spawn(writers), gather(writers), returns("None")}));
}

// async def slow(): await asyncio.sleep(10)
// async def main(): try: await asyncio.wait_for(slow(), 2) except TimeoutError: print("timed out")
inline void waitForTimeout(aio::Recorder& rec)
{
    TraceSim s(rec);
    const int slow = s.script("slow", {sleepFor(10), returns("'late'")});
    const int main = s.script("main", {sleepFor(0.5), waitFor(slow, 2), sleepFor(0.5), returns("None")});
    s.run(main);
}

// A producer puts 8 jobs into a Queue(maxsize=2) every 0.2 s; two consumers take 1 s a job,
// so the queue fills and the producer waits on put(); main then blocks the loop 0.4 s.
inline void producerConsumer(aio::Recorder& rec)
{
    TraceSim s(rec);
    const aio::ObjectId q = s.queue("jobs", 2);
    std::vector<Step> prod;
    for (int i = 0; i < 8; ++i) {
        prod.push_back(put(q, "'job-" + std::to_string(i) + "'"));
        prod.push_back(sleepFor(0.2));
    }
    prod.push_back(returns("None"));
    std::vector<Step> cons;
    cons.push_back(sleepFor(0.3));
    for (int i = 0; i < 4; ++i) {
        cons.push_back(get(q));
        cons.push_back(sleepFor(1.0));
    }
    cons.push_back(returns("4"));
    const int p = s.script("producer", prod);
    const int c1 = s.script("consumer-1", cons);
    const int c2 = s.script("consumer-2", cons);
    const int main = s.script("main", {spawn({p, c1, c2}), gather({p, c1, c2}), block(0.4, "time.sleep(0.4)"), returns("None")});
    s.run(main);
}

// Written by hand, as the engine would record it: main runs crunch() on worker slot 900
// from 1 s to 3 s; a timer callback sets Event 'go' at 2 s, waking 'waiter', which fails.
inline void threadAndEvent(aio::Recorder& rec)
{
    auto put = [&](std::int64_t t, aio::EventKind k, aio::ObjectId a, aio::ObjectId b = 0, std::int64_t v = 0,
                   std::string_view text = {}, std::uint8_t sub = 0) {
        aio::TraceRecord r;
        r.time_ns = t;
        r.kind = k;
        r.a = a;
        r.b = b;
        r.value = v;
        r.text = text;
        r.sub = sub;
        rec.record(r);
    };
    using K = aio::EventKind;
    const auto ev = std::uint8_t(aio::ResourceKind::event);
    put(0, K::task_created, 1, 0, 0, "main");
    put(0, K::task_resumed, 1);
    put(0, K::resource_created, 50, 1, 0, "go", ev);
    put(0, K::resource_state, 50, 0, 0);
    put(0, K::task_created, 2, 1, 0, "waiter");
    put(0, K::task_suspended, 1, 0, 0, "sleep(1)", std::uint8_t(aio::WaitKind::sleep));
    put(0, K::task_resumed, 2);
    put(0, K::resource_waiters, 50, 0, 1);
    put(0, K::task_suspended, 2, 50, 0, "Event 'go'", std::uint8_t(aio::WaitKind::event));
    put(kSec, K::task_ready, 1);
    put(kSec, K::task_resumed, 1);
    put(kSec, K::worker_busy, 900, 1, 0, "crunch()");
    put(kSec, K::task_suspended, 1, 0, 0, "to_thread(crunch)", std::uint8_t(aio::WaitKind::thread));
    put(2 * kSec, K::callback_begin, 77, 0, 0, "go.set");
    put(2 * kSec, K::resource_state, 50, 0, 1);
    put(2 * kSec, K::resource_waiters, 50, 0, 0);
    put(2 * kSec, K::task_ready, 2, 0, 50);
    put(2 * kSec + kSec / 4, K::callback_end, 77);
    put(2 * kSec + kSec / 4, K::task_resumed, 2);
    put(2 * kSec + kSec / 4, K::task_finished, 2, 0, 2, "ValueError: bad", std::uint8_t(aio::FinishKind::failed));
    put(3 * kSec, K::worker_idle, 900, 1);
    put(3 * kSec, K::task_ready, 1);
    put(3 * kSec, K::task_resumed, 1);
    put(3 * kSec, K::task_finished, 1, 0, 0, "None", std::uint8_t(aio::FinishKind::done));
    put(3 * kSec, K::exception_logged, 2, 0, 0, "Task exception was never retrieved\nValueError: bad");
}

}  // namespace sim
