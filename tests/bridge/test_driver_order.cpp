// Through LoopDriver, callbacks, timers and tasks run in exactly the order (and, on a
// virtual clock, at exactly the times) the engine's own run_until_complete gives them,
// however the run is played: at a speed, stepped, run to the end, or cut into slices.
#include "bridge_test_support.hpp"

#include <qt/loop_driver.hpp>

#include <QSignalSpy>
#include <QTest>

#include <chrono>
#include <functional>
#include <thread>

using namespace std::chrono_literals;
using aio_qt::LoopDriver;
using bridge_test::Env;

namespace {

using Schedule = aio::Task<void> (*)(Env*);

struct Result {
    QString log;
    QStringList trace;
    std::int64_t endTime = 0;
    QString deadlock;
};

aio::TaskHandle<void> prepare(aio::EventLoop& loop, aio::Recorder& rec, Env& env, Schedule schedule, double unit, bool withTimes)
{
    loop.set_tracer(&rec);
    env.loop = &loop;
    env.unit = unit;
    env.withTimes = withTimes;
    env.t0 = loop.time_ns();
    return loop.create_task(schedule(&env), "main");
}

Result plainRun(std::unique_ptr<aio::EventLoop> loop, Schedule schedule, double unit, bool withTimes = true)
{
    aio::Recorder rec;
    Env env;
    auto main = prepare(*loop, rec, env, schedule, unit, withTimes);
    Result r;
    try {
        loop->run_until_complete(main);
    } catch (const aio::DeadlockError& e) {
        r.deadlock = QString::fromUtf8(e.what());
    }
    r.log = env.joined();
    r.trace = bridge_test::traceLines(rec);
    r.endTime = loop->time_ns();
    loop->set_tracer(nullptr);
    return r;
}

// `drive` starts the driver its own way (and may keep steering it).
Result drivenRun(std::unique_ptr<aio::EventLoop> loop, Schedule schedule, double unit, const std::function<void(LoopDriver&)>& drive,
                 bool withTimes = true)
{
    aio::Recorder rec;
    Env env;
    auto main = prepare(*loop, rec, env, schedule, unit, withTimes);
    Result r;
    {
        LoopDriver driver(*loop);
        driver.setTarget(main);
        QSignalSpy finished(&driver, &LoopDriver::finished);
        drive(driver);
        if (!finished.wait(60000))
            qWarning("the driven run did not finish");
        r.deadlock = driver.deadlockReport();
        if (driver.outcome() != LoopDriver::Outcome::TargetDone && driver.outcome() != LoopDriver::Outcome::Deadlock)
            qWarning("unexpected outcome %d", int(driver.outcome()));
    }
    r.log = env.joined();
    r.trace = bridge_test::traceLines(rec);
    r.endTime = loop->time_ns();
    loop->set_tracer(nullptr);
    return r;
}

std::unique_ptr<aio::EventLoop> virtualLoop() { return aio::EventLoop::with_virtual_clock(); }

void compareRuns(const Result& driven, const Result& plain)
{
    QCOMPARE(driven.log, plain.log);
    QCOMPARE(driven.trace.size(), plain.trace.size());
    for (qsizetype i = 0; i < plain.trace.size(); ++i)
        QCOMPARE(driven.trace[i], plain.trace[i]);
    QCOMPARE(driven.endTime, plain.endTime);
    QCOMPARE(driven.deadlock, plain.deadlock);
}

aio::Task<void> deadlockSchedule(Env* e)
{
    aio::Future<int> never(*e->loop);
    e->loop->create_task(
        [](Env* env, aio::Future<int> f) -> aio::Task<void> {
            env->note("child waits");
            co_await f;
        }(e, never),
        "child");
    co_await aio::sleep(e->unit);
    e->note("main waits");
    co_await never;
}

// A thread's result arrives while a timer is pending: on a virtual clock time must not
// jump past the thread's work (it takes no virtual time).
aio::Task<void> threadSchedule(Env* e)
{
    e->loop->call_later(e->unit, [e] { e->note("timer"); });
    const int v = co_await aio::to_thread([] {
        std::this_thread::sleep_for(30ms);
        return 7;
    });
    e->note("thread gave " + std::to_string(v));
    co_await aio::sleep(2 * e->unit);
}

}  // namespace

class TestDriverOrder : public QObject {
    Q_OBJECT
private slots:
    void schedulesMatchCPython()
    {
        // The reference itself: the engine agrees with CPython on the callback schedule.
        const Result plain = plainRun(virtualLoop(), bridge_test::callbackSchedule, 1.0, false);
        QCOMPARE(plain.log, QString::fromUtf8(bridge_test::kCallbackScheduleCPython));
    }

    void playingAtSpeedMatchesRunUntilComplete_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("callbacks") << 0;
        QTest::newRow("tasks") << 1;
    }
    void playingAtSpeedMatchesRunUntilComplete()
    {
        QFETCH(int, which);
        const Schedule s = which == 0 ? bridge_test::callbackSchedule : bridge_test::taskSchedule;
        // 10 ms units at 10x: the whole schedule plays in a few ms of wall time per unit.
        const Result plain = plainRun(virtualLoop(), s, 0.01);
        const Result driven = drivenRun(virtualLoop(), s, 0.01, [](LoopDriver& d) {
            d.setSpeed(10);
            d.start();
        });
        compareRuns(driven, plain);
    }

    void runToEndMatchesRunUntilComplete()
    {
        // An hour a unit: only a run that does not wait for the wall clock can finish.
        const Result plain = plainRun(virtualLoop(), bridge_test::taskSchedule, 3600);
        const Result driven = drivenRun(virtualLoop(), bridge_test::taskSchedule, 3600, [](LoopDriver& d) {
            d.runToEnd();
            d.start();
        });
        compareRuns(driven, plain);
    }

    void steppingMatchesRunUntilComplete()
    {
        const Result plain = plainRun(virtualLoop(), bridge_test::taskSchedule, 3600);
        int steps = 0;
        const Result driven = drivenRun(virtualLoop(), bridge_test::taskSchedule, 3600, [&steps](LoopDriver& d) {
            QObject::connect(&d, &LoopDriver::stepFinished, &d, [&d, &steps] {
                ++steps;
                QMetaObject::invokeMethod(&d, &LoopDriver::stepToNextEvent, Qt::QueuedConnection);
            });
            d.startPaused();
            d.stepToNextEvent();
        });
        compareRuns(driven, plain);
        // One landing per time with events (0, 1, 1.5 and 4 units); the step to 6 units
        // ends the run, as the main task finishes there.
        QCOMPARE(steps, 4);
    }

    void sliceOfOneCallbackMatchesRunUntilComplete()
    {
        // A zero budget cuts every iteration after each callback: batches resume across
        // slices, and what a callback schedules still waits for the next iteration.
        const Result plain = plainRun(virtualLoop(), bridge_test::taskSchedule, 1.0);
        const Result driven = drivenRun(virtualLoop(), bridge_test::taskSchedule, 1.0, [](LoopDriver& d) {
            d.setBatchBudget(0us);
            d.runToEnd();
            d.start();
        });
        compareRuns(driven, plain);
    }

    void pauseAndResumeMidRunMatchesRunUntilComplete()
    {
        const Result plain = plainRun(virtualLoop(), bridge_test::taskSchedule, 0.01);
        const Result driven = drivenRun(virtualLoop(), bridge_test::taskSchedule, 0.01, [](LoopDriver& d) {
            d.setSpeed(10);
            // Pause at the first landing of time, then go on.
            QObject::connect(&d, &LoopDriver::currentTimeChanged, &d, [&d](qint64 t) {
                if (t > 0 && d.isPlaying()) {
                    d.pause();
                    QTimer::singleShot(5, &d, [&d] { d.play(); });
                }
            });
            d.start();
        });
        compareRuns(driven, plain);
    }

    void realClockMatchesCPythonOrder()
    {
        const Result plain = plainRun(aio::EventLoop::with_real_clock(), bridge_test::callbackSchedule, 0.02, false);
        QCOMPARE(plain.log, QString::fromUtf8(bridge_test::kCallbackScheduleCPython));
        const Result driven = drivenRun(aio::EventLoop::with_real_clock(), bridge_test::callbackSchedule, 0.02,
                                        [](LoopDriver& d) { d.start(); }, false);
        QCOMPARE(driven.log, plain.log);
    }

    void deadlockIsReportedAsRunUntilCompleteReportsIt()
    {
        const Result plain = plainRun(virtualLoop(), deadlockSchedule, 1.0);
        QVERIFY(plain.deadlock.startsWith("Deadlock: no task can make progress"));
        QVERIFY(plain.deadlock.contains("Task 'child'"));
        const Result driven = drivenRun(virtualLoop(), deadlockSchedule, 1.0, [](LoopDriver& d) {
            QObject::connect(&d, &LoopDriver::deadlocked, &d, [&d](const QString& report) {
                QCOMPARE(report, d.deadlockReport());
                QCOMPARE(d.outcome(), LoopDriver::Outcome::Deadlock);
            });
            d.runToEnd();
            d.start();
        });
        compareRuns(driven, plain);
    }

    void virtualTimeWaitsForAnotherThreadsWork()
    {
        const Result plain = plainRun(virtualLoop(), threadSchedule, 1.0);
        QCOMPARE(plain.log, QString("thread gave 7@0 timer@10"));
        const Result fast = drivenRun(virtualLoop(), threadSchedule, 1.0, [](LoopDriver& d) {
            d.runToEnd();
            d.start();
        });
        QCOMPARE(fast.log, plain.log);
        QCOMPARE(fast.endTime, plain.endTime);
        const Result played = drivenRun(virtualLoop(), threadSchedule, 0.01, [](LoopDriver& d) {
            d.setSpeed(10);
            d.start();
        });
        QCOMPARE(played.log, plain.log);
    }

    void withoutTargetFinishesWhenNothingIsLeft()
    {
        auto loop = virtualLoop();
        std::vector<int> log;
        loop->call_later(2.0, [&] { log.push_back(2); });
        loop->call_soon([&] { log.push_back(0); });
        LoopDriver d(*loop);
        QSignalSpy finished(&d, &LoopDriver::finished);
        d.runToEnd();
        d.start();
        QVERIFY(d.isStarted());
        QVERIFY(aio::EventLoop::running_loop() == loop.get());
        QVERIFY(finished.wait(10000));
        QCOMPARE(d.outcome(), LoopDriver::Outcome::NothingLeft);
        QCOMPARE(log, (std::vector<int>{0, 2}));
        QCOMPARE(loop->time_ns(), 2'000'000'000);
        QCOMPARE(d.currentTime(), 2'000'000'000);
        // Finished means the loop is free again: the engine can run it itself.
        QVERIFY(aio::EventLoop::running_loop() == nullptr);
        QVERIFY(!loop->is_running());
        loop->call_soon([&] { log.push_back(3); loop->stop(); });
        loop->run_forever();
        QCOMPARE(log, (std::vector<int>{0, 2, 3}));
    }

    void loopStopEndsTheRunAsRunForeverDoes()
    {
        // loop.stop() from a callback: the iteration finishes, the next does not start.
        auto schedule = [](aio::EventLoop& loop, std::vector<std::string>& log) {
            loop.call_soon([&] {
                log.push_back("c1");
                loop.stop();
                loop.call_soon([&] { log.push_back("c3"); loop.stop(); });
            });
            loop.call_soon([&] { log.push_back("c2"); });
            loop.call_later(1.0, [&] { log.push_back("timer"); });
        };
        auto plainLoop = virtualLoop();
        std::vector<std::string> plain;
        schedule(*plainLoop, plain);
        plainLoop->run_forever();
        auto loop = virtualLoop();
        std::vector<std::string> driven;
        schedule(*loop, driven);
        LoopDriver d(*loop);
        QSignalSpy finished(&d, &LoopDriver::finished);
        d.runToEnd();
        d.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(d.outcome(), LoopDriver::Outcome::Stopped);
        QCOMPARE(driven, plain);
        QCOMPARE(driven, (std::vector<std::string>{"c1", "c2"}));
        // The stop was spent with the run: the engine goes on where the driver stopped.
        QVERIFY(!loop->is_stopping());
        loop->run_forever();
        plainLoop->run_forever();
        QCOMPARE(driven, plain);
        QCOMPARE(driven.back(), std::string("c3"));
    }

    void stopBeforeStartRunsOneIterationWithoutWaiting()
    {
        auto loop = virtualLoop();
        std::vector<std::string> log;
        loop->call_later(5.0, [&] { log.push_back("timer"); });
        loop->call_soon([&] {
            log.push_back("soon");
            loop->call_soon([&] { log.push_back("next"); });
        });
        loop->stop();
        LoopDriver d(*loop);
        QSignalSpy finished(&d, &LoopDriver::finished);
        d.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(d.outcome(), LoopDriver::Outcome::Stopped);
        QCOMPARE(log, (std::vector<std::string>{"soon"}));
        QCOMPARE(loop->time_ns(), 0);
    }

    void stopFromACallbackEndsAfterIt()
    {
        auto loop = virtualLoop();
        std::vector<int> log;
        LoopDriver d(*loop);
        loop->call_soon([&] { log.push_back(1); d.stop(); });
        loop->call_soon([&] { log.push_back(2); });
        QSignalSpy finished(&d, &LoopDriver::finished);
        d.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(d.outcome(), LoopDriver::Outcome::Stopped);
        QCOMPARE(log, (std::vector<int>{1}));
        // The rest of the batch waits in the loop; starting again finishes it.
        d.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(d.outcome(), LoopDriver::Outcome::NothingLeft);
        QCOMPARE(log, (std::vector<int>{1, 2}));
    }
};

QTEST_GUILESS_MAIN(TestDriverOrder)
#include "test_driver_order.moc"
