// How LoopDriver waits and yields: asleep while a real timer is pending, woken by other
// threads without losing a wake-up, and a long burst of ready work cut into slices with
// Qt's own events delivered in between.
#include <qt/loop_driver.hpp>

#include <engine/engine.hpp>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using aio_qt::LoopDriver;

namespace {

double processCpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Counts the events a burst lets through.
class Receiver : public QObject {
public:
    std::function<void()> onEvent;
    bool event(QEvent* e) override
    {
        if (e->type() == QEvent::User) {
            onEvent();
            return true;
        }
        return QObject::event(e);
    }
};

}  // namespace

class TestDriverWaiting : public QObject {
    Q_OBJECT
private slots:
    void sleepsThroughARealTimer()
    {
        auto loop = aio::EventLoop::with_real_clock();
        std::int64_t firedAt = -1;
        loop->call_later(1.0, [&] { firedAt = loop->time_ns(); });
        LoopDriver d(*loop);
        QSignalSpy finished(&d, &LoopDriver::finished);
        QElapsedTimer wall;
        wall.start();
        const double cpu0 = processCpuSeconds();
        d.start();
        QVERIFY(finished.wait(20000));
        const double cpu = processCpuSeconds() - cpu0;
        const double waited = double(wall.nsecsElapsed()) / 1e9;
        QVERIFY2(firedAt >= 1'000'000'000, "a timer must not fire before its deadline");
        QCOMPARE(d.outcome(), LoopDriver::Outcome::NothingLeft);
        // One iteration ran (the timer's), and the driver woke only for it: no polling.
        QCOMPARE(d.iterations(), std::uint64_t(1));
        QVERIFY2(d.wakeups() <= 4, qPrintable(QString("woke %1 times").arg(d.wakeups())));
        // Waiting is sleeping: the process used a small part of a CPU meanwhile.
        QVERIFY2(cpu < 0.25 * waited, qPrintable(QString("cpu %1 s over %2 s").arg(cpu).arg(waited)));
    }

    void wakeUpsFromFourThreadsAllArrive()
    {
        auto loop = aio::EventLoop::with_real_clock();
        constexpr int kThreads = 4;
        constexpr int kPerThread = 5000;
        std::vector<std::vector<int>> seen(kThreads);
        LoopDriver d(*loop);
        QSignalSpy finished(&d, &LoopDriver::finished);
        d.start();
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            // The token says "more is coming", so an idle loop waits instead of finishing.
            threads.emplace_back([&, t, token = aio::EventLoop::ExternalWork(*loop)] {
                for (int i = 0; i < kPerThread; ++i) {
                    loop->call_soon_threadsafe([&seen, t, i] { seen[t].push_back(i); });
                    if (i % 64 == 0)
                        std::this_thread::sleep_for(50us);  // let the loop go idle in between
                }
            });
        }
        QVERIFY(finished.wait(60000));
        for (auto& th : threads)
            th.join();
        QCOMPARE(d.outcome(), LoopDriver::Outcome::NothingLeft);
        for (int t = 0; t < kThreads; ++t) {
            QCOMPARE(int(seen[t].size()), kPerThread);
            for (int i = 0; i < kPerThread; ++i)
                QCOMPARE(seen[t][i], i);  // each thread's calls in the order it made them
        }
    }

    void wakeUpOnAVirtualClockWhileTimeWaits()
    {
        // A virtual loop playing at 1x with a timer an hour away: a thread's call must run
        // at once (it takes no virtual time), not after the timer.
        auto loop = aio::EventLoop::with_virtual_clock();
        std::vector<std::string> log;
        loop->call_later(3600.0, [&] { log.push_back("timer"); });
        LoopDriver d(*loop);
        d.start();
        std::thread t([&] { loop->call_soon_threadsafe([&] { log.push_back("from thread"); }); });
        QTRY_COMPARE_WITH_TIMEOUT(log.size(), std::size_t(1), 10000);
        t.join();
        QCOMPARE(log.front(), std::string("from thread"));
        QCOMPARE(loop->time_ns(), 0);
        d.stop();
        QCOMPARE(d.outcome(), LoopDriver::Outcome::Stopped);
    }

    void longBurstIsSlicedWithQtEventsBetween()
    {
        auto loop = aio::EventLoop::with_virtual_clock();
        constexpr int kBurst = 200000;
        std::vector<int> ran;
        ran.reserve(kBurst + 1);
        int zeroTimerSawRun = -1;
        int postedEventSawRun = -1;
        int realTimerTicksDuringBurst = 0;
        Receiver receiver;
        receiver.onEvent = [&] { postedEventSawRun = int(ran.size()); };
        QTimer ticker;  // a real 0 ms timer: fires whenever Qt gets control
        ticker.setInterval(0);
        connect(&ticker, &QTimer::timeout, this, [&] {
            if (!ran.empty() && int(ran.size()) < kBurst)
                ++realTimerTicksDuringBurst;
        });
        ticker.start();
        loop->call_soon([&] {
            ran.push_back(0);
            QTimer::singleShot(0, &receiver, [&] { zeroTimerSawRun = int(ran.size()); });
            QCoreApplication::postEvent(&receiver, new QEvent(QEvent::User));
            // Scheduled during the burst: belongs to the next iteration, after all of it.
            loop->call_soon([&] { ran.push_back(-1); });
        });
        for (int i = 1; i < kBurst; ++i)
            loop->call_soon([&ran, i] { ran.push_back(i); });

        LoopDriver d(*loop);
        d.setBatchBudget(1ms);
        QSignalSpy finished(&d, &LoopDriver::finished);
        d.start();
        QVERIFY(finished.wait(60000));
        ticker.stop();

        QCOMPARE(int(ran.size()), kBurst + 1);
        for (int i = 0; i < kBurst; ++i)
            QCOMPARE(ran[i], i);
        QCOMPARE(ran.back(), -1);
        QCOMPARE(d.iterations(), std::uint64_t(2));
        // Qt's events ran while the burst was still going.
        QVERIFY2(zeroTimerSawRun > 0 && zeroTimerSawRun < kBurst, qPrintable(QString::number(zeroTimerSawRun)));
        QVERIFY2(postedEventSawRun > 0 && postedEventSawRun < kBurst, qPrintable(QString::number(postedEventSawRun)));
        QVERIFY(realTimerTicksDuringBurst > 0);
    }

    void destroyedDriverIgnoresLateWakeUps()
    {
        // A thread keeps posting while the driver goes away: nothing is posted to a dead
        // object, and the loop keeps the calls for whoever runs it next.
        auto loop = aio::EventLoop::with_real_clock();
        loop->call_later(3600.0, [] {});  // keeps the driven run alive
        std::atomic<bool> go{true};
        std::atomic<int> ran{0};
        auto d = std::make_unique<LoopDriver>(*loop);
        d->start();
        std::thread t([&] {
            while (go.load())
                loop->call_soon_threadsafe([&] { ran.fetch_add(1); });
        });
        struct Join {
            std::atomic<bool>& go;
            std::thread& t;
            ~Join()
            {
                go.store(false);
                if (t.joinable())
                    t.join();
            }
        } join{go, t};
        QTRY_VERIFY_WITH_TIMEOUT(ran.load() > 10, 10000);
        d.reset();
        QTest::qWait(5);
        go.store(false);
        t.join();
        QCoreApplication::processEvents();
        const int before = ran.load();
        loop->call_soon([&] { loop->stop(); });
        loop->run_forever();
        QVERIFY(ran.load() > before);  // the calls posted meanwhile were kept, not lost
    }
};

QTEST_GUILESS_MAIN(TestDriverWaiting)
#include "test_driver_waiting.moc"
