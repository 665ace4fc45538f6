// The engine's allocation-free and throw-free fast paths keep asyncio's behaviour:
// wait_for raising TimeoutError without an intermediate throw (also as a task's own
// coroutine), gather's duplicate detection, done hooks ordered with done callbacks,
// and the Recorder across chunk boundaries.
// Expected lines come from CPython 3.11 running the program quoted above each test.
#include "engine_test_support.hpp"

#include <engine/engine.hpp>

#include <QTest>

using namespace aio;
using test_support::py_time;

namespace {

std::string join(const std::vector<int>& v)
{
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
        s += (i ? ", " : "") + std::to_string(v[i]);
    return s + "]";
}

}  // namespace

class TestFastPaths : public QObject {
    Q_OBJECT

private slots:
    // async def sleeper():
    //     try: await asyncio.sleep(10)
    //     except asyncio.CancelledError: inner_cancelled.append(now()); raise
    // t = asyncio.create_task(asyncio.wait_for(sleeper(), 0.3))
    // try: await t
    // except asyncio.TimeoutError as e: ...        -> root timeout TimeoutError at 0.3 inner [0.3] done=True cancelled=False
    // t2 = asyncio.create_task(asyncio.wait_for(slow(0.1, 6), 0.3))
    // await t2                                      -> root value 6 at 0.1
    void waitForAsATasksOwnCoroutine()
    {
        EventLoop loop;
        std::vector<std::string> out;
        std::vector<std::string> inner_cancelled;
        double t0 = 0;
        auto sleeper = [&]() -> Task<int> {
            try {
                co_await aio::sleep(10);
            } catch (const CancelledError&) {
                inner_cancelled.push_back(py_time(loop.time() - t0));
                throw;
            }
            co_return 0;
        };
        auto slow = [](double d, int v) -> Task<int> {
            co_await aio::sleep(d);
            co_return v;
        };
        auto main = [&]() -> Task<void> {
            t0 = loop.time();
            auto t = loop.create_task(aio::wait_for(sleeper(), 0.3));
            try {
                co_await t;
                out.push_back("no timeout");
            } catch (const TimeoutError&) {
                out.push_back("root timeout TimeoutError at " + py_time(loop.time() - t0) + " inner [" +
                              (inner_cancelled.empty() ? "" : inner_cancelled[0]) + "] done=" + (t.done() ? "True" : "False") +
                              " cancelled=" + (t.cancelled() ? "True" : "False"));
            }
            t0 = loop.time();
            auto t2 = loop.create_task(aio::wait_for(slow(0.1, 6), 0.3));
            const int v = co_await t2;
            out.push_back("root value " + std::to_string(v) + " at " + py_time(loop.time() - t0));
        };
        loop.run_until_complete(main());
        QCOMPARE(out, (std::vector<std::string>{"root timeout TimeoutError at 0.3 inner [0.3] done=True cancelled=False",
                                                "root value 6 at 0.1"}));
    }

    // a = asyncio.create_task(slow(0.2, 1)); b = asyncio.create_task(slow(0.1, 2))
    // await asyncio.gather(a, b, a)    -> [1, 2, 1]
    // await asyncio.gather(b, a, b)    -> [2, 1, 2]
    void gatherOfTheSameTaskTwiceAndAgain()
    {
        EventLoop loop;
        std::vector<std::string> out;
        auto slow = [](double d, int v) -> Task<int> {
            co_await aio::sleep(d);
            co_return v;
        };
        auto main = [&]() -> Task<void> {
            auto a = loop.create_task(slow(0.2, 1));
            auto b = loop.create_task(slow(0.1, 2));
            std::vector<TaskHandle<int>> first{a, b, a};
            const std::vector<int> r1 = co_await aio::gather(first);
            out.push_back("gather " + join(r1));
            std::vector<TaskHandle<int>> again{b, a, b};
            const std::vector<int> r2 = co_await aio::gather(again);
            out.push_back("gather again " + join(r2));
        };
        loop.run_until_complete(main());
        QCOMPARE(out, (std::vector<std::string>{"gather [1, 2, 1]", "gather again [2, 1, 2]"}));
    }

    // f = loop.create_future()
    // f.add_done_callback(lambda _: order.append("cb1"))
    // g = asyncio.gather(f); g.add_done_callback(lambda _: order.append("gather done"))
    // f.add_done_callback(lambda _: order.append("cb2"))
    // f.set_result(5); await asyncio.sleep(0); await asyncio.sleep(0)
    // -> ['cb1', 'cb2', 'gather done']
    void doneHooksRunInOrderWithDoneCallbacks()
    {
        EventLoop loop;
        std::vector<std::string> order;
        auto main = [&]() -> Task<void> {
            Future<int> f = loop.create_future<int>();
            f.add_done_callback([&](FutureBase&) { order.push_back("cb1"); });
            std::vector<FutureRef> children{f};
            GatherFuture g = gather(loop, children);
            g.add_done_callback([&](FutureBase&) { order.push_back("gather done"); });
            f.add_done_callback([&](FutureBase&) { order.push_back("cb2"); });
            f.set_result(5);
            co_await aio::sleep(0);
            co_await aio::sleep(0);
        };
        Recorder rec;
        loop.set_tracer(&rec);
        loop.run_until_complete(main());
        QCOMPARE(order, (std::vector<std::string>{"cb1", "cb2", "gather done"}));
        // The gather's own hook is traced as a done callback, as a done callback would be.
        int done_callbacks = 0;
        for (std::size_t i = 0; i < rec.size(); ++i)
            if (rec[i].kind == EventKind::callback_begin && rec.string(rec[i].text) == "done callback")
                ++done_callbacks;
        // cb1, the gather's hook, cb2, "gather done", and run_until_complete's own
        // callback on the main task that stops the loop.
        QCOMPARE(done_callbacks, 5);
    }

    // q = asyncio.Queue(2); log = []
    // async def watcher(): log.append(f"watcher sees {q.qsize()}")
    // async def producer():
    //     await q.put(1); await q.put(2); log.append("put 1 2 without yielding")
    //     await q.put(3); log.append("put 3 after waiting")
    // async def consumer():
    //     log.append(f"got {await q.get()}"); log.append(f"got {await q.get()}")
    //     log.append(f"got {await q.get()}")
    //     try: await asyncio.wait_for(q.get(), 0.5)
    //     except asyncio.TimeoutError: log.append(f"empty: timed out, qsize {q.qsize()}")
    // await asyncio.gather(*(asyncio.create_task(f()) for f in (watcher, producer, consumer)))
    // -> ['watcher sees 0', 'put 1 2 without yielding', 'got 1', 'got 2', 'put 3 after waiting',
    //     'got 3', 'empty: timed out, qsize 0']
    // put and get that need not wait do not suspend (no other task runs in between);
    // the ones that must wait still do, and q.get() works as wait_for's awaitable.
    void queueOperationsThatNeedNotWaitDoNotSuspend()
    {
        EventLoop loop(std::make_unique<VirtualClock>());
        Queue<int> q(loop, 2);
        std::vector<std::string> log;
        auto watcher = [&]() -> Task<void> {
            log.push_back("watcher sees " + std::to_string(q.qsize()));
            co_return;
        };
        auto producer = [&]() -> Task<void> {
            co_await q.put(1);
            co_await q.put(2);
            log.push_back("put 1 2 without yielding");
            co_await q.put(3);
            log.push_back("put 3 after waiting");
        };
        auto consumer = [&]() -> Task<void> {
            for (int i = 0; i < 3; ++i)
                log.push_back("got " + std::to_string(co_await q.get()));
            try {
                co_await aio::wait_for(q.get(), 0.5);
            } catch (const TimeoutError&) {
                log.push_back("empty: timed out, qsize " + std::to_string(q.qsize()));
            }
        };
        auto main = [&]() -> Task<double> {
            std::vector<FutureRef> ts{loop.create_task(watcher()), loop.create_task(producer()), loop.create_task(consumer())};
            co_await gather(loop, ts);
            co_return loop.time();
        };
        QCOMPARE(loop.run_until_complete(main()), 0.5);
        const std::vector<std::string> expected{"watcher sees 0", "put 1 2 without yielding", "got 1", "got 2",
                                                "put 3 after waiting", "got 3", "empty: timed out, qsize 0"};
        QCOMPARE(log, expected);
    }

    // put and get as tasks of their own: the put waits for room, the get for an item.
    void queueOperationsAsTasks()
    {
        EventLoop loop(std::make_unique<VirtualClock>());
        Queue<std::string> q(loop, 1);
        auto main = [&]() -> Task<std::string> {
            co_await q.put("first");
            auto put = loop.create_task(q.put("second"));
            co_await aio::sleep(1);
            const bool put_waited = !put.done();
            std::string got = co_await q.get();
            co_await put;
            auto get = loop.create_task(q.get());
            got += " " + co_await get;
            co_return got + (put_waited ? " (put waited)" : "");
        };
        QCOMPARE(loop.run_until_complete(main()), std::string("first second (put waited)"));
    }

    // Many more events than one chunk holds: every event reads back as written,
    // including texts recorded from one reused buffer.
    void recorderAcrossChunks()
    {
        Recorder rec;
        const std::size_t n = 200'000;
        char buf[32];
        for (std::size_t i = 0; i < n; ++i) {
            std::snprintf(buf, sizeof buf, "text number %zu", i % 13);
            rec.record(TraceRecord{std::int64_t(i), EventKind::task_line, std::uint8_t(i % 5), ObjectId(i), ObjectId(i + 1),
                                   std::int64_t(i * 7), (i % 2) ? std::string_view(buf) : std::string_view()});
        }
        QCOMPARE(rec.size(), n);
        std::size_t wrong = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const TraceEvent& e = rec[i];
            std::snprintf(buf, sizeof buf, "text number %zu", i % 13);
            const std::string_view text = (i % 2) ? std::string_view(buf) : std::string_view();
            if (e.time_ns != std::int64_t(i) || e.sub != i % 5 || e.a != ObjectId(i) || e.b != ObjectId(i + 1) ||
                e.value != std::int64_t(i * 7) || rec.string(e.text) != text)
                ++wrong;
        }
        QCOMPARE(wrong, std::size_t(0));
        QCOMPARE(rec.string_count(), std::size_t(14));  // "" and 13 texts
    }

    // A recorder's chunks are reused by the next one: it sees only its own events.
    void recorderReusesChunksOfAFinishedOne()
    {
        {
            Recorder first;
            for (int i = 0; i < 150'000; ++i)
                first.record(TraceRecord{i, EventKind::task_resumed, 0, ObjectId(i), 0, 0, {}});
        }
        Recorder second;
        QCOMPARE(second.size(), std::size_t(0));
        for (int i = 0; i < 70'000; ++i)
            second.record(TraceRecord{-i, EventKind::print, 0, 7, 0, 0, "again"});
        QCOMPARE(second.size(), std::size_t(70'000));
        QCOMPARE(second[0].time_ns, std::int64_t(0));
        QCOMPARE(second[69'999].time_ns, std::int64_t(-69'999));
        QCOMPARE(second[65'536].kind, EventKind::print);
        QCOMPARE(second.string(second[65'536].text), std::string_view("again"));
    }
};

QTEST_GUILESS_MAIN(TestFastPaths)
#include "test_fast_paths.moc"
