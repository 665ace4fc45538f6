// Work handed to worker threads: asyncio.to_thread, the bounded pool behind it,
// and simulated thread work on the virtual clock (time.sleep in a coroutine
// versus in a thread). The CPython 3.11 programs these mirror are quoted above
// each test; times are in virtual seconds.
#include "engine_test_support.hpp"

#include <engine/engine.hpp>
#include <engine/thread_pool.hpp>
#include <engine/to_thread.hpp>

#include <QTest>

#include <atomic>
#include <latch>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

using namespace aio;
using test_support::FrameCount;

namespace {

// Keeps the worker records ("1 busy s0 b=2 job 0") and what tasks waited on.
struct WorkerTrace final : Tracer {
    EventLoop* loop = nullptr;
    std::vector<std::string> lines;
    std::map<ObjectId, int> slot_names;
    int busy = 0, max_busy = 0;
    std::map<ObjectId, std::uint8_t> job_waits;  // task -> WaitKind of its wait on "job ..." work
    std::vector<ObjectId> busy_for;  // b of each worker_busy
    void record(const TraceRecord& r) override
    {
        if (r.kind == EventKind::task_suspended && r.text.substr(0, 4) == "job ")
            job_waits[r.a] = r.sub;
        if (r.kind != EventKind::worker_busy && r.kind != EventKind::worker_idle)
            return;
        auto it = slot_names.emplace(r.a, int(slot_names.size())).first;
        char t[32];
        std::snprintf(t, sizeof t, "%g", double(r.time_ns) / 1e9);
        const bool is_busy = r.kind == EventKind::worker_busy;
        busy += is_busy ? 1 : -1;
        max_busy = std::max(max_busy, busy);
        if (is_busy)
            busy_for.push_back(r.b);
        lines.push_back(std::string(t) + (is_busy ? " busy s" : " idle s") + std::to_string(it->second) +
                        (is_busy ? " " + std::string(r.text) : std::string()));
    }
};

std::string stamp(EventLoop& loop, const std::string& what)
{
    char t[32];
    std::snprintf(t, sizeof t, "%g", loop.time());
    return what + " " + t;
}

}  // namespace

class TestToThread : public QObject {
    Q_OBJECT
private slots:
    void init() { FrameCount::live = 0; }
    void cleanup() { QCOMPARE(FrameCount::live, 0); }

    // async def ticker(log): await asyncio.sleep(1); log.append(f'tick {now}')
    // async def worker(log, blocking):
    //     if blocking: time.sleep(2)
    //     else: await asyncio.to_thread(time.sleep, 2)
    //     log.append(f'worker {now}')
    // await asyncio.gather(ticker(log), worker(log, blocking))
    // blocking  -> ['worker 2.0', 'tick 2.0']   (the loop was held: the tick is late)
    // to_thread -> ['tick 1.0', 'worker 2.0']   (the loop went on)
    void blockingTheLoopVersusThreadWork()
    {
        for (bool blocking : {true, false}) {
            EventLoop loop;
            std::vector<std::string> log;
            auto ticker = [&]() -> Task<void> {
                FrameCount f;
                co_await aio::sleep(1);
                log.push_back(stamp(loop, "tick"));
            };
            auto worker = [&]() -> Task<void> {
                FrameCount f;
                if (blocking)
                    aio::block_for(2, "time.sleep(2)");
                else
                    co_await simulate_thread_work(2, "time.sleep(2)");
                log.push_back(stamp(loop, "worker"));
            };
            auto main = [&]() -> Task<void> {
                auto a = loop.create_task(ticker());
                auto b = loop.create_task(worker());
                co_await a;
                co_await b;
            };
            loop.run_until_complete(main());
            if (blocking)
                QCOMPARE(log, (std::vector<std::string>{"worker 2", "tick 2"}));
            else
                QCOMPARE(log, (std::vector<std::string>{"tick 1", "worker 2"}));
            QCOMPARE(loop.time(), 2.0);
        }
    }

    // loop.set_default_executor(ThreadPoolExecutor(2))
    // await asyncio.gather(*(asyncio.to_thread(time.sleep, 1) for _ in range(5)))
    // -> done at 3.0: two at a time, in submission order
    void poolOfTwoRunsFiveJobsInThreeSeconds()
    {
        EventLoop loop;
        WorkerTrace trace;
        trace.loop = &loop;
        loop.set_tracer(&trace);
        loop.thread_pool().set_max_workers(2);
        std::vector<ObjectId> task_ids;
        auto job = [](int i) -> Task<void> {
            FrameCount f;
            co_await simulate_thread_work(1, "job " + std::to_string(i));
        };
        auto main = [&]() -> Task<void> {
            std::vector<TaskHandle<void>> ts;
            for (int i = 0; i < 5; ++i) {
                ts.push_back(loop.create_task(job(i)));
                task_ids.push_back(ts.back().id());
            }
            for (auto& t : ts)
                co_await t;
        };
        loop.run_until_complete(main());
        loop.set_tracer(nullptr);
        QCOMPARE(loop.time(), 3.0);
        QCOMPARE(trace.max_busy, 2);
        QCOMPARE(trace.lines, (std::vector<std::string>{
                                  "0 busy s0 job 0", "0 busy s1 job 1",                      //
                                  "1 idle s0", "1 busy s0 job 2", "1 idle s1", "1 busy s1 job 3",  //
                                  "2 idle s0", "2 busy s0 job 4", "2 idle s1",               //
                                  "3 idle s0"}));
        QCOMPARE(trace.busy_for, task_ids);  // each slot says which task it works for
        QCOMPARE(trace.job_waits.size(), std::size_t(5));
        for (auto [task, kind] : trace.job_waits)
            QCOMPARE(WaitKind(kind), WaitKind::thread);
        QCOMPARE(loop.thread_pool().busy(), std::size_t(0));
        QCOMPARE(loop.thread_pool().threads_started(), std::size_t(0));  // simulated: no OS thread
    }

    // r = await asyncio.to_thread(lambda a, b: a * b, 6, 7) -> 42, run on another thread
    void toThreadReturnsTheValue()
    {
        EventLoop loop;
        std::thread::id worker_id;
        auto main = [&]() -> Task<int> {
            FrameCount f;
            auto [product, id] = co_await to_thread(
                [](int a, int b) { return std::pair<int, std::thread::id>(a * b, std::this_thread::get_id()); }, 6, 7);
            worker_id = id;
            co_return product;
        };
        QCOMPARE(loop.run_until_complete(main()), 42);
        QVERIFY(worker_id != std::this_thread::get_id());
        QCOMPARE(loop.time(), 0.0);  // a real thread's work takes no virtual time
        QCOMPARE(loop.thread_pool().threads_started(), std::size_t(1));
    }

    // def bad(): raise ValueError('bad input')
    // try: await asyncio.to_thread(bad)
    // except ValueError as e: print('caught', e)      -> caught bad input
    void toThreadPropagatesTheException()
    {
        EventLoop loop;
        std::string caught;
        auto main = [&]() -> Task<void> {
            FrameCount f;
            try {
                co_await to_thread([]() -> std::string { throw ValueError("bad input"); });
            } catch (const ValueError& e) {
                caught = std::string("caught ") + e.what();
            }
            // the pool still works after a failure
            co_await to_thread([] {});
        };
        loop.run_until_complete(main());
        QCOMPARE(caught, std::string("caught bad input"));
    }

    // ThreadPoolExecutor(1): a = to_thread(job 'a', 2); b = to_thread(job 'b', 1)   (b queued)
    // at 0.5: a.cancel(); b.cancel() -> both raise CancelledError at 0.5
    // await asyncio.to_thread(job 'c', 1)
    // -> ran ['a start', 'a end', 'c start', 'c end'], done at 3.0
    //    (a's thread could not be stopped and kept its worker until 2.0; b never ran)
    void cancellingTheAwaiterDoesNotStopTheWorker()
    {
        EventLoop loop;
        WorkerTrace trace;
        loop.set_tracer(&trace);
        loop.thread_pool().set_max_workers(1);
        std::vector<std::string> out;
        auto job = [](std::string name, double d) -> Task<void> {
            FrameCount f;
            co_await simulate_thread_work(d, name);
        };
        auto main = [&]() -> Task<void> {
            auto a = loop.create_task(job("a", 2));
            auto b = loop.create_task(job("b", 1));
            co_await aio::sleep(0.5);
            a.cancel();
            b.cancel();
            for (auto* t : {&a, &b}) {
                try {
                    co_await *t;
                } catch (const CancelledError&) {
                    out.push_back(stamp(loop, "cancelled at"));
                }
            }
            co_await job("c", 1);
            out.push_back(stamp(loop, "done at"));
        };
        loop.run_until_complete(main());
        loop.set_tracer(nullptr);
        QCOMPARE(out, (std::vector<std::string>{"cancelled at 0.5", "cancelled at 0.5", "done at 3"}));
        QCOMPARE(trace.lines, (std::vector<std::string>{"0 busy s0 a", "2 idle s0", "2 busy s0 c", "3 idle s0"}));
    }

    // The same with real threads: the cancelled task does not wait for its thread,
    // and the queued one never runs.
    void cancelledAwaiterOfARealThreadReturnsAtOnce()
    {
        EventLoop loop;
        loop.thread_pool().set_max_workers(1);
        std::latch release(1), a_started(1);
        std::mutex m;
        std::vector<std::string> ran;
        auto note = [&](const std::string& s) {
            std::lock_guard lock(m);
            ran.push_back(s);
        };
        bool a_was_running_when_cancelled = false;
        auto main = [&]() -> Task<void> {
            FrameCount f;
            auto a = loop.create_task(to_thread([&] {
                note("a start");
                a_started.count_down();
                release.wait();
                note("a end");
            }));
            auto b = loop.create_task(to_thread([&] { note("b"); }));
            // Not a virtual sleep: the clock does not move while a thread works.
            co_await aio::sleep(0);
            a_started.wait();
            a.cancel();
            b.cancel();
            for (auto* t : {&a, &b}) {
                try {
                    co_await *t;
                } catch (const CancelledError&) {
                }
            }
            {
                std::lock_guard lock(m);
                a_was_running_when_cancelled = ran == std::vector<std::string>{"a start"};
            }
            release.count_down();
            co_await to_thread([&] { note("c"); });  // queued behind a, which still holds the only worker
        };
        loop.run_until_complete(main());
        QVERIFY(a_was_running_when_cancelled);
        QCOMPARE(ran, (std::vector<std::string>{"a start", "a end", "c"}));
    }

    // No CPython counterpart (an executor's size is fixed): growing the pool
    // starts queued jobs at once.
    void growingThePoolStartsQueuedJobs()
    {
        EventLoop loop;
        loop.thread_pool().set_max_workers(1);
        auto job = []() -> Task<void> {
            FrameCount f;
            co_await simulate_thread_work(1);
        };
        std::size_t queued_before = 0, busy_after = 0;
        auto main = [&]() -> Task<void> {
            std::vector<TaskHandle<void>> ts;
            for (int i = 0; i < 3; ++i)
                ts.push_back(loop.create_task(job()));
            co_await aio::sleep(0.5);
            queued_before = loop.thread_pool().queued();
            loop.thread_pool().set_max_workers(3);
            busy_after = loop.thread_pool().busy();
            for (auto& t : ts)
                co_await t;
        };
        loop.run_until_complete(main());
        QCOMPARE(queued_before, std::size_t(2));
        QCOMPARE(busy_after, std::size_t(3));
        QCOMPARE(loop.time(), 1.5);
    }

    void defaultSizeIsCPythons()
    {
        const unsigned cpus = std::max(1u, std::thread::hardware_concurrency());
        QCOMPARE(ThreadPool::default_max_workers(), std::size_t(std::min(32u, cpus + 4)));
        EventLoop loop;
        QCOMPARE(loop.thread_pool().max_workers(), ThreadPool::default_max_workers());
    }

    // On a real clock simulated work sleeps in a worker thread; the loop still goes on.
    void simulatedWorkOnARealClockUsesAWorkerThread()
    {
        auto loop = EventLoop::with_real_clock();
        std::vector<std::string> order;
        auto tick = [&]() -> Task<void> {
            co_await aio::sleep(0.01);
            order.push_back("tick");
        };
        auto main = [&]() -> Task<void> {
            FrameCount f;
            auto ticker = loop->create_task(tick());
            co_await simulate_thread_work(0.05);
            order.push_back("work");
            co_await ticker;
        };
        loop->run_until_complete(main());
        QCOMPARE(order, (std::vector<std::string>{"tick", "work"}));
        QCOMPARE(loop->thread_pool().threads_started(), std::size_t(1));
    }

    // A pool of one's own (loop.run_in_executor(pool, fn) in asyncio): run() names
    // the work in the trace. Destroying the pool waits for the callable that runs,
    // whose result still arrives, and cancels the one still queued.
    void ownPoolNamesItsWorkAndCancelsQueuedWorkWhenDestroyed()
    {
        EventLoop loop;
        WorkerTrace trace;
        loop.set_tracer(&trace);
        auto pool = std::make_unique<ThreadPool>(loop, 1, "crunchers");
        std::latch release(1);
        std::vector<std::string> out;
        auto first = [&]() -> Task<void> {
            FrameCount f;
            const int v = co_await pool->run("crunch()", [&] {
                release.wait();
                return 5;
            });
            out.push_back("first " + std::to_string(v));
        };
        auto second = [&]() -> Task<void> {
            FrameCount f;
            try {
                co_await pool->run("later()", [] { return 1; });
                out.push_back("second ran");
            } catch (const CancelledError&) {
                out.push_back("second cancelled");
            }
        };
        auto main = [&]() -> Task<void> {
            auto a = loop.create_task(first());
            auto b = loop.create_task(second());
            co_await aio::sleep(0);
            release.count_down();
            pool.reset();  // joins the worker running crunch(); later() is still queued
            co_await a;
            co_await b;
        };
        loop.run_until_complete(main());
        loop.set_tracer(nullptr);
        QCOMPARE(out, (std::vector<std::string>{"second cancelled", "first 5"}));
        QCOMPARE(trace.lines, (std::vector<std::string>{"0 busy s0 crunch()", "0 idle s0"}));
    }

    // Pitfall 10: a thread's result that arrives after close() is dropped with the
    // loop: no crash, no leaked frame, and the pending task is reported.
    void resultArrivingAfterCloseIsDropped()
    {
        std::latch release(1), finished(1);
        std::vector<std::string> reports;
        {
            EventLoop loop;
            loop.set_exception_handler([&](EventLoop&, const ExceptionContext& c) { reports.push_back(c.message); });
            auto waiter = [&]() -> Task<int> {
                FrameCount f;
                co_return co_await to_thread([&] {
                    release.wait();
                    finished.count_down();
                    return 1;
                });
            };
            auto main = [&]() -> Task<void> {
                loop.create_task(waiter(), "waiter");
                co_await aio::sleep(0);
            };
            loop.run_until_complete(main());
            loop.close();
            release.count_down();
            finished.wait();
            while (!loop.has_ready())  // the hand-back reached the closed loop's inbox
                std::this_thread::yield();
            QCOMPARE(FrameCount::live, 1);
        }
        QCOMPARE(reports, (std::vector<std::string>{"Task was destroyed but it is pending!"}));
    }

    // ... and a loop destroyed while a worker still runs waits for it first.
    void loopDestroyedWhileAThreadRuns()
    {
        std::latch started(1);
        std::atomic<bool> done{false};
        std::thread releaser;
        {
            EventLoop loop;
            loop.set_exception_handler([](EventLoop&, const ExceptionContext&) {});
            auto main = [&]() -> Task<void> {
                loop.create_task(to_thread([&] {
                    started.count_down();
                    std::this_thread::sleep_for(std::chrono::milliseconds(30));
                    done = true;
                }));
                co_await aio::sleep(0);
            };
            loop.run_until_complete(main());
            started.wait();
        }
        QVERIFY(done.load());  // the destructor joined the worker
    }
};

QTEST_GUILESS_MAIN(TestToThread)
#include "test_to_thread.moc"
