// LoopThread: the loop on a worker thread. A callback that never yields stalls the worker
// only; controls reach the driver in order; signals arrive on the owner's thread; the
// recorder is read by the owner while the worker writes it; quit() tears down cleanly.
#include "bridge_test_support.hpp"

#include <qt/loop_thread.hpp>

#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

using namespace std::chrono_literals;
using aio_qt::LoopDriver;
using aio_qt::LoopThread;

class TestLoopThread : public QObject {
    Q_OBJECT
private slots:
    void busyCallbackDoesNotFreezeTheOwner()
    {
        std::atomic<bool> spinning{false};
        std::atomic<bool> release{false};
        LoopThread lt;
        QSignalSpy finished(&lt, &LoopThread::finished);
        QVERIFY(lt.start(LoopThread::ClockKind::Virtual, [&](aio::EventLoop& loop, LoopDriver&) {
            // A "task that never awaits": it holds the worker until the owner lets it go.
            loop.call_soon([&] {
                spinning.store(true);
                while (!release.load())
                    std::this_thread::yield();
            });
        }));
        QVERIFY(!lt.start(LoopThread::ClockKind::Virtual, {}));  // once
        QTRY_VERIFY_WITH_TIMEOUT(spinning.load(), 10000);
        // The owner's event loop still runs while the worker is held: this timer fires.
        bool ownerTimerFired = false;
        QTimer::singleShot(10, this, [&] {
            ownerTimerFired = true;
            release.store(true);
        });
        QVERIFY(finished.wait(10000));
        QVERIFY(ownerTimerFired);
        QCOMPARE(finished.first().at(0).value<LoopDriver::Outcome>(), LoopDriver::Outcome::NothingLeft);
        QVERIFY(lt.isFinished());
        lt.quit();
        QVERIFY(!lt.isStarted());
    }

    void controlsAndSignalsCrossThreads()
    {
        aio::Recorder rec;
        bridge_test::Env env;
        LoopThread lt;
        QThread* const owner = QThread::currentThread();
        bool allOnOwner = true;
        std::vector<qint64> landed;
        connect(&lt, &LoopThread::stepFinished, this, [&](qint64 t) {
            allOnOwner = allOnOwner && QThread::currentThread() == owner;
            landed.push_back(t);
        });
        connect(&lt, &LoopThread::currentTimeChanged, this, [&](qint64) { allOnOwner = allOnOwner && QThread::currentThread() == owner; });
        QSignalSpy finished(&lt, &LoopThread::finished);
        QSignalSpy steps(&lt, &LoopThread::stepFinished);
        QThread* worker = nullptr;
        lt.start(
            LoopThread::ClockKind::Virtual,
            [&](aio::EventLoop& loop, LoopDriver& driver) {
                worker = QThread::currentThread();
                loop.set_tracer(&rec);
                env.loop = &loop;
                env.unit = 3600;
                env.t0 = loop.time_ns();
                driver.setTarget(loop.create_task(bridge_test::taskSchedule(&env), "main"));
            },
            /*paused=*/true);
        lt.stepToNextEvent();  // queued behind the setup: runs once the driver exists
        QVERIFY(steps.wait(10000));
        QCOMPARE(landed.back(), qint64(0));
        lt.stepToNextEvent();
        QVERIFY(steps.wait(10000));
        QCOMPARE(landed.back(), qint64(3600) * 1'000'000'000);
        QVERIFY(worker != nullptr && worker != owner);
        // The owner reads the trace while the worker may write it.
        const std::size_t early = rec.size();
        QVERIFY(early > 0);
        QCOMPARE(rec[0].kind, aio::EventKind::task_created);
        lt.runToEnd();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(0).value<LoopDriver::Outcome>(), LoopDriver::Outcome::TargetDone);
        QVERIFY(allOnOwner);
        QVERIFY(rec.size() > early);
        QCOMPARE(lt.currentTime(), qint64(6 * 3600) * 1'000'000'000);
        lt.quit();
        // Same trace as the engine running the schedule by itself.
        aio::EventLoop plain;
        aio::Recorder plainRec;
        plain.set_tracer(&plainRec);
        bridge_test::Env plainEnv;
        plainEnv.loop = &plain;
        plainEnv.unit = 3600;
        plain.run_until_complete(plain.create_task(bridge_test::taskSchedule(&plainEnv), "main"));
        QCOMPARE(env.joined(), plainEnv.joined());
        QCOMPARE(bridge_test::traceLines(rec), bridge_test::traceLines(plainRec));
    }

    void ownerReadsTheTraceWhileTheWorkerWritesIt()
    {
        aio::Recorder rec;
        std::atomic<bool> ownerHasRead{false};
        LoopThread lt;
        QSignalSpy finished(&lt, &LoopThread::finished);
        lt.start(LoopThread::ClockKind::Virtual, [&](aio::EventLoop& loop, LoopDriver& d) {
            loop.set_tracer(&rec);
            for (int i = 0; i < 300; ++i)
                loop.create_task([](int n) -> aio::Task<void> {
                    for (int k = 0; k < 40; ++k)
                        co_await aio::sleep(0.001 * (1 + (n + k) % 5));
                }(i));
            // Halfway, the worker waits until the owner has read what is there so far.
            loop.call_later(0.05, [&] {
                while (!ownerHasRead.load())
                    std::this_thread::yield();
            });
            d.runToEnd();
        });
        std::size_t reads = 0;
        std::size_t firstSeen = 0;
        std::size_t checked = 0;
        std::int64_t last = 0;
        bool ordered = true;
        QTimer reader;
        reader.setInterval(0);
        connect(&reader, &QTimer::timeout, this, [&] {
            const std::size_t n = rec.size();
            for (; checked < n; ++checked) {
                ordered = ordered && rec[checked].time_ns >= last;  // a consistent prefix
                last = rec[checked].time_ns;
            }
            if (n > 0 && !ownerHasRead.load()) {
                firstSeen = n;
                ownerHasRead.store(true);
            }
            ++reads;
        });
        reader.start();
        QVERIFY(finished.wait(30000));
        reader.stop();
        QVERIFY(ownerHasRead.load());
        QVERIFY(firstSeen > 0);
        QVERIFY(rec.size() > firstSeen);  // the worker went on writing after the owner's read
        QVERIFY(reads > 0);
        QVERIFY(ordered);
        lt.quit();
    }

    void speedAndPauseReachTheDriver()
    {
        LoopThread lt;
        QSignalSpy speeds(&lt, &LoopThread::speedChanged);
        QSignalSpy playing(&lt, &LoopThread::playingChanged);
        lt.start(LoopThread::ClockKind::Virtual, [](aio::EventLoop& loop, LoopDriver& d) {
            d.setFrameInterval(1ms);
            loop.call_later(3600.0, [] {});
        });
        lt.setSpeed(4.0);
        QVERIFY(speeds.wait(10000));
        QCOMPARE(speeds.last().at(0).toDouble(), 4.0);
        QCOMPARE(lt.speed(), 4.0);
        QTRY_VERIFY_WITH_TIMEOUT(lt.currentTime() > 0, 10000);
        lt.pause();
        QTRY_VERIFY_WITH_TIMEOUT(!lt.isPlaying(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!playing.isEmpty() && !playing.last().at(0).toBool(), 10000);
        const qint64 t = lt.currentTime();
        QTest::qWait(20);
        QCOMPARE(lt.currentTime(), t);
        lt.quit();  // with a pending timer and the loop paused: a clean teardown
    }

    void postRunsOnTheWorkerInOrder()
    {
        LoopThread lt;
        std::vector<int> order;
        std::atomic<bool> onWorker{true};
        QThread* const owner = QThread::currentThread();
        lt.start(LoopThread::ClockKind::Real, [](aio::EventLoop& loop, LoopDriver&) {
            loop.call_later(3600.0, [] {});  // keeps the run alive
        });
        for (int i = 0; i < 5; ++i)
            lt.post([&, i](aio::EventLoop& loop, LoopDriver&) {
                onWorker = onWorker && QThread::currentThread() != owner && aio::EventLoop::running_loop() == &loop;
                order.push_back(i);
            });
        std::atomic<bool> done{false};
        lt.post([&](aio::EventLoop&, LoopDriver&) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done.load(), 10000);
        lt.quit();  // joins: `order` is safe to read now
        QCOMPARE(order, (std::vector<int>{0, 1, 2, 3, 4}));
        QVERIFY(onWorker.load());
    }

    void setupThatThrowsIsReported()
    {
        LoopThread lt;
        QSignalSpy failed(&lt, &LoopThread::setupFailed);
        lt.start(LoopThread::ClockKind::Virtual, [](aio::EventLoop&, LoopDriver&) { throw std::runtime_error("no program"); });
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().at(0).toString(), QString("no program"));
    }

    void destroyedWithoutStartOrWhileRunning()
    {
        { LoopThread idle; }
        auto lt = std::make_unique<LoopThread>();
        lt->start(LoopThread::ClockKind::Real, [](aio::EventLoop& loop, LoopDriver&) {
            loop.set_exception_handler([](aio::EventLoop&, const aio::ExceptionContext&) {});
            loop.create_task([]() -> aio::Task<void> { co_await aio::sleep(3600); }());
        });
        QTRY_VERIFY_WITH_TIMEOUT(lt->isPlaying(), 10000);
        lt.reset();  // stops the driver and destroys the loop (and its sleeping task) on the worker
    }
};

QTEST_GUILESS_MAIN(TestLoopThread)
#include "test_loop_thread.moc"
