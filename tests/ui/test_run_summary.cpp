// The run summary: waiting done against time taken, and how the tasks ended, from recorded
// runs (simulated traces and a real engine run).
#include <ui/run_summary.hpp>

#include "ui/trace_sim.hpp"

#include <engine/engine.hpp>

#include <QtTest>

namespace {
constexpr qint64 kSec = 1'000'000'000;
}

class TestRunSummary : public QObject {
    Q_OBJECT
private slots:
    void gatherOfThreeSleepersOverlapsTheirWaiting()
    {
        aio::Recorder rec;
        sim::gather543(rec);
        TimelineModel m(rec);
        m.update();
        const RunSummary s = summarizeRun(m);
        QCOMPARE(s.runTime, 5 * kSec);
        QCOMPARE(s.sleepTime, 12 * kSec);
        QCOMPARE(s.tasks, 4);
        QCOMPARE(s.done, 4);
        QCOMPARE(s.unfinished, 0);
        QVERIFY(!s.deadlocked);
        QCOMPARE(s.headline(), QStringLiteral("12.0 s of waiting done in 5.0 s"));
        QCOMPARE(s.tasksLine(), QStringLiteral("4 tasks: 4 done"));
    }

    void semaphoreWorkersSleepEighteenSecondsInAll()
    {
        aio::Recorder rec;
        sim::semaphore12(rec);
        TimelineModel m(rec);
        m.update();
        const RunSummary s = summarizeRun(m);
        QCOMPARE(s.sleepTime, 18 * kSec);  // sum(1 + i % 3 * 0.5 for i in range(12))
        QCOMPARE(s.runTime, m.endTime());
        QVERIFY(s.runTime < s.sleepTime);
        QCOMPARE(s.done, 13);
    }

    void blockingTheLoopCountsAsWaitingToo()
    {
        aio::Recorder rec;
        sim::producerConsumer(rec);
        TimelineModel m(rec);
        m.update();
        const RunSummary s = summarizeRun(m);
        QCOMPARE(s.blockingTime, 4 * kSec / 10);
        QVERIFY(s.breakdown().contains(QStringLiteral("blocking the loop 0.4 s")));
        QCOMPARE(s.waitingTime(), s.sleepTime + s.blockingTime);
    }

    void threadWorkAndFailuresAreCounted()
    {
        aio::Recorder rec;
        sim::threadAndEvent(rec);
        TimelineModel m(rec);
        m.update();
        const RunSummary s = summarizeRun(m);
        QCOMPARE(s.threadTime, 2 * kSec);
        QCOMPARE(s.failed, 1);
        QCOMPARE(s.done, 1);
        QCOMPARE(s.tasksLine(), QStringLiteral("2 tasks: 1 done, 1 failed"));
        QVERIFY(s.breakdown().contains(QStringLiteral("threads 2.0 s")));
    }

    void aTimeoutIsItsOwnEnding()
    {
        aio::Recorder rec;
        sim::waitForTimeout(rec);
        TimelineModel m(rec);
        m.update();
        const RunSummary s = summarizeRun(m);
        QCOMPARE(s.timedOut, 1);
        QCOMPARE(s.done, 1);
        QCOMPARE(s.tasksLine(), QStringLiteral("2 tasks: 1 done, 1 timed out"));
        // main sleeps 0.5 + 0.5; slow sleeps 2 s before the timeout cancels it.
        QCOMPARE(s.sleepTime, 3 * kSec);
        QCOMPARE(s.runTime, 3 * kSec);
    }

    void aRealEngineRunAddsUpTheSame()
    {
        aio::EventLoop loop;
        aio::Recorder rec;
        loop.set_tracer(&rec);
        auto work = [](double d) -> aio::Task<void> { co_await aio::sleep(d); };
        auto main = [&]() -> aio::Task<void> {
            auto a = loop.create_task(work(2), "a");
            auto b = loop.create_task(work(3), "b");
            auto c = loop.create_task(work(4), "c");
            co_await a;
            co_await b;
            co_await c;
            co_await aio::sleep(2);
        };
        loop.run_until_complete(main());
        TimelineModel m(rec);
        m.update();
        const RunSummary s = summarizeRun(m);
        QCOMPARE(s.headline(), QStringLiteral("11.0 s of waiting done in 6.0 s"));
        QCOMPARE(s.tasks, 4);
        QCOMPARE(s.done, 4);
    }

    void aDeadlockLeavesTasksStuck()
    {
        aio::EventLoop loop;
        aio::Recorder rec;
        loop.set_tracer(&rec);
        aio::Lock a(loop, "a"), b(loop, "b");
        auto worker = [&](aio::Lock& first, aio::Lock& second) -> aio::Task<void> {
            co_await first.acquire();
            co_await aio::sleep(1);
            co_await second.acquire();
        };
        auto main = [&]() -> aio::Task<void> {
            auto w1 = loop.create_task(worker(a, b), "w1");
            auto w2 = loop.create_task(worker(b, a), "w2");
            co_await w1;
            co_await w2;
        };
        QVERIFY_THROWS_EXCEPTION(aio::DeadlockError, loop.run_until_complete(main()));
        TimelineModel m(rec);
        m.update();
        const RunSummary s = summarizeRun(m);
        QVERIFY(s.deadlocked);
        QCOMPARE(s.unfinished, 3);
        QCOMPARE(s.tasksLine(), QStringLiteral("3 tasks: 3 stuck"));
    }

    void durationsReadLikeAPersonWouldSayThem()
    {
        QCOMPARE(formatDuration(0), QStringLiteral("0 s"));
        QCOMPARE(formatDuration(9 * kSec), QStringLiteral("9.0 s"));
        QCOMPARE(formatDuration(kSec * 5 / 4), QStringLiteral("1.25 s"));
        QCOMPARE(formatDuration(kSec * 3 / 2), QStringLiteral("1.5 s"));
        QCOMPARE(formatDuration(350'000'000), QStringLiteral("0.35 s"));
        QCOMPARE(formatDuration(400'000'000), QStringLiteral("0.4 s"));
        QCOMPARE(formatDuration(35'000'000), QStringLiteral("35 ms"));
        QCOMPARE(formatDuration(2'500'000), QStringLiteral("2.5 ms"));
        QCOMPARE(formatDuration(125 * kSec), QStringLiteral("125.0 s"));
    }

    void anEmptyRecordingSummarizesToNothing()
    {
        aio::Recorder rec;
        TimelineModel m(rec);
        m.update();
        const RunSummary s = summarizeRun(m);
        QCOMPARE(s.tasks, 0);
        QCOMPARE(s.runTime, 0);
        QCOMPARE(s.tasksLine(), QStringLiteral("0 tasks"));
    }
};

QTEST_GUILESS_MAIN(TestRunSummary)
#include "test_run_summary.moc"
