// What a run tells its tracer, and the recorder that keeps it.
#include "engine_test_support.hpp"

#include <engine/engine.hpp>

#include <QTest>

#include <thread>

using namespace aio;

namespace {

std::string describe(const Recorder& rec, const TraceEvent& e)
{
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.1f %s a=%u b=%u v=%lld %s", double(e.time_ns) / 1e9, to_string(e.kind), e.a, e.b,
                  static_cast<long long>(e.value), std::string(rec.string(e.text)).c_str());
    return buf;
}

}  // namespace

class TestTrace : public QObject {
    Q_OBJECT
private slots:
    void lifeOfATaskIsTraced()
    {
        EventLoop loop;
        Recorder rec;
        loop.set_tracer(&rec);
        auto child = [](int d) -> Task<int> {
            co_await aio::sleep(d);
            co_return d;
        };
        auto main = [&]() -> Task<int> {
            auto t = loop.create_task(child(5), "five");
            co_return co_await t;
        };
        QCOMPARE(loop.run_until_complete(main()), 5);
        std::vector<std::string> lines;
        for (std::size_t i = 0; i < rec.size(); ++i)
            if (rec[i].kind != EventKind::callback_begin && rec[i].kind != EventKind::callback_end)
                lines.push_back(describe(rec, rec[i]));
        // ids: main=1, five=2, its sleep future=3
        const std::vector<std::string> expected{
            "0.0 task_created a=1 b=0 v=0 Task-1",
            "0.0 task_resumed a=1 b=0 v=0 ",
            "0.0 task_created a=2 b=1 v=0 five",
            "0.0 task_suspended a=1 b=2 v=4 Task 'five'",
            "0.0 task_resumed a=2 b=0 v=0 ",
            "0.0 task_suspended a=2 b=3 v=2 sleep(5)",
            "5.0 task_ready a=2 b=0 v=3 ",
            "5.0 task_resumed a=2 b=0 v=0 ",
            "5.0 task_finished a=2 b=0 v=0 5",
            "5.0 task_ready a=1 b=2 v=2 ",
            "5.0 task_resumed a=1 b=0 v=0 ",
            "5.0 task_finished a=1 b=0 v=0 5",
        };
        if (lines != expected)
            for (auto& l : lines)
                qDebug() << l.c_str();
        QCOMPARE(lines, expected);
    }

    // A yield (sleep(0)) is one event: the task is ready at once, so no task_ready
    // follows; the next thing recorded for it is its resumption.
    void yieldIsOneSuspensionThatIsReadyAtOnce()
    {
        EventLoop loop(std::make_unique<VirtualClock>());
        Recorder rec;
        loop.set_tracer(&rec);
        auto main = [&]() -> Task<void> {
            co_await aio::sleep(0);
            co_await aio::sleep(0);
        };
        loop.run_until_complete(main());
        std::vector<std::string> lines;
        for (std::size_t i = 0; i < rec.size(); ++i)
            if (rec[i].kind != EventKind::callback_begin && rec[i].kind != EventKind::callback_end)
                lines.push_back(describe(rec, rec[i]));
        const std::vector<std::string> expected{
            "0.0 task_created a=1 b=0 v=0 Task-1",
            "0.0 task_resumed a=1 b=0 v=0 ",
            "0.0 task_suspended a=1 b=0 v=1 sleep(0)",
            "0.0 task_resumed a=1 b=0 v=0 ",
            "0.0 task_suspended a=1 b=0 v=1 sleep(0)",
            "0.0 task_resumed a=1 b=0 v=0 ",
            "0.0 task_finished a=1 b=0 v=0 ",
        };
        if (lines != expected)
            for (auto& l : lines)
                qDebug() << l.c_str();
        QCOMPARE(lines, expected);
    }

    void callbacksAndCancellationAreTraced()
    {
        EventLoop loop;
        Recorder rec;
        loop.set_tracer(&rec);
        auto main = [&]() -> Task<void> {
            auto t = loop.create_task(aio::sleep(10.0, 0), "victim");
            loop.call_later(1, [t]() mutable { t.cancel("enough"); }, "stopper");
            try {
                co_await t;
            } catch (const CancelledError&) {
            }
        };
        loop.run_until_complete(main());
        bool saw_callback = false, saw_cancel = false, saw_cancelled = false;
        for (std::size_t i = 0; i < rec.size(); ++i) {
            const TraceEvent& e = rec[i];
            if (e.kind == EventKind::callback_begin && rec.string(e.text) == "stopper")
                saw_callback = e.time_ns == 1'000'000'000;
            if (e.kind == EventKind::task_cancel)
                saw_cancel = rec.string(e.text) == "enough" && e.b != 0;  // requested by the callback
            if (e.kind == EventKind::task_finished && e.sub == std::uint8_t(FinishKind::cancelled))
                saw_cancelled = rec.string(e.text) == "enough";
        }
        QVERIFY(saw_callback);
        QVERIFY(saw_cancel);
        QVERIFY(saw_cancelled);
    }

    void recorderIsCompactAndInternsStrings()
    {
        Recorder rec;
        for (int i = 0; i < 10'000; ++i)
            rec.record(TraceRecord{i, EventKind::print, 0, 1, 0, 0, i % 2 ? "odd" : "even"});
        QCOMPARE(rec.size(), std::size_t(10'000));
        QCOMPARE(rec.string_count(), std::size_t(3));  // "", "even", "odd"
        QCOMPARE(rec.string(rec[1].text), std::string_view("odd"));
        QVERIFY(rec.memory_bytes() < 10'000 * 40);
    }

    void recorderCanBeReadWhileWritten()
    {
        Recorder rec;
        std::atomic<bool> done{false};
        std::thread writer([&] {
            for (int i = 0; i < 200'000; ++i)
                rec.record(TraceRecord{i, EventKind::print, 0, ObjectId(i), 0, 0, std::to_string(i % 1000)});
            done = true;
        });
        bool consistent = true;
        while (!done) {
            const std::size_t n = rec.size();
            if (n == 0)
                continue;
            const TraceEvent& e = rec[n - 1];
            if (e.time_ns != std::int64_t(n - 1) || e.a != n - 1 || rec.string(e.text) != std::to_string((n - 1) % 1000))
                consistent = false;
        }
        writer.join();
        QVERIFY(consistent);
        QCOMPARE(rec.size(), std::size_t(200'000));
    }
};

QTEST_GUILESS_MAIN(TestTrace)
#include "test_trace.moc"
