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
};

QTEST_GUILESS_MAIN(TestFastPaths)
#include "test_fast_paths.moc"
