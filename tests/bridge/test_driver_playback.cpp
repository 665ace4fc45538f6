// Playing a virtual-clock run back through LoopDriver: pause freezes time and work,
// speed changes keep the playhead continuous, a step lands exactly on the next event,
// and running to the end does not wait for the wall clock.
#include <qt/loop_driver.hpp>

#include <engine/engine.hpp>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using aio_qt::LoopDriver;

namespace {
constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kSec = 1'000'000'000;

bool nonDecreasing(const std::vector<qint64>& v)
{
    for (std::size_t i = 1; i < v.size(); ++i)
        if (v[i] < v[i - 1])
            return false;
    return true;
}
}  // namespace

class TestDriverPlayback : public QObject {
    Q_OBJECT
private slots:
    void pauseStopsVirtualTimeAndWork()
    {
        auto loop = aio::EventLoop::with_virtual_clock();
        bool fired = false;
        loop->call_later(3600.0, [&] { fired = true; });
        LoopDriver d(*loop);
        d.setFrameInterval(1ms);
        d.setSpeed(10);
        QSignalSpy times(&d, &LoopDriver::currentTimeChanged);
        QSignalSpy playing(&d, &LoopDriver::playingChanged);
        d.start();
        QVERIFY(d.isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(d.currentTime() > 0, 10000);

        d.pause();
        QVERIFY(!d.isPlaying());
        QCOMPARE(playing.size(), 2);
        QCOMPARE(playing.last().at(0).toBool(), false);
        const qint64 pausedAt = d.currentTime();
        const qsizetype emitted = times.size();
        QTest::qWait(30);
        QCOMPARE(d.currentTime(), pausedAt);
        QCOMPARE(times.size(), emitted);
        QCOMPARE(loop->time_ns(), 0);  // the loop's clock waits for the playhead to reach the timer
        QVERIFY(!fired);

        QElapsedTimer wall;
        wall.start();
        d.play();
        QTRY_VERIFY_WITH_TIMEOUT(d.currentTime() > pausedAt, 10000);
        const qint64 resumed = d.currentTime();
        const qint64 elapsed = wall.nsecsElapsed();
        // Resumed from where it stopped: at most the wall time since play() x speed later.
        QVERIFY2(resumed <= pausedAt + elapsed * 10, qPrintable(QString("%1 -> %2 in %3 ns").arg(pausedAt).arg(resumed).arg(elapsed)));
        d.stop();
    }

    void pauseFromACallbackStopsTheBatch()
    {
        auto loop = aio::EventLoop::with_virtual_clock();
        LoopDriver d(*loop);
        std::vector<int> ran;
        constexpr int kBurst = 50000;
        for (int i = 0; i < kBurst; ++i)
            loop->call_soon([&, i] {
                ran.push_back(i);
                if (i == 100)
                    d.pause();
            });
        QSignalSpy finished(&d, &LoopDriver::finished);
        d.start();
        QTRY_VERIFY_WITH_TIMEOUT(!d.isPlaying(), 10000);
        QTest::qWait(20);
        const std::size_t held = ran.size();
        QVERIFY(held > 100 && held < std::size_t(kBurst));
        QTest::qWait(20);
        QCOMPARE(ran.size(), held);  // paused: the rest of the batch waits
        d.play();
        QVERIFY(finished.wait(10000));
        QCOMPARE(int(ran.size()), kBurst);
        for (int i = 0; i < kBurst; ++i)
            QCOMPARE(ran[i], i);
    }

    void startPausedRunsNothing()
    {
        auto loop = aio::EventLoop::with_virtual_clock();
        bool ran = false;
        loop->call_soon([&] { ran = true; });
        LoopDriver d(*loop);
        d.startPaused();
        QVERIFY(d.isStarted());
        QVERIFY(!d.isPlaying());
        QTest::qWait(20);
        QVERIFY(!ran);
        d.stop();
    }

    void speedChangesKeepTimeContinuousAndMonotone()
    {
        auto loop = aio::EventLoop::with_virtual_clock();
        loop->call_later(3600.0, [] {});
        LoopDriver d(*loop);
        d.setFrameInterval(2ms);
        std::vector<qint64> seen;
        connect(&d, &LoopDriver::currentTimeChanged, this, [&](qint64 t) { seen.push_back(t); });
        QSignalSpy speeds(&d, &LoopDriver::speedChanged);
        d.setSpeed(0.1);
        QCOMPARE(speeds.size(), 1);
        QElapsedTimer wall;
        wall.start();
        d.start();
        QTest::qWait(100);
        const qint64 beforeChange = wall.nsecsElapsed();
        const qint64 atChange = d.currentTime();
        d.setSpeed(10);
        const qint64 afterChange = wall.nsecsElapsed();
        QCOMPARE(d.speed(), 10.0);
        QTest::qWait(60);
        d.pause();
        const qint64 end = wall.nsecsElapsed();
        const qint64 last = d.currentTime();

        QVERIFY(!seen.empty());
        QVERIFY(nonDecreasing(seen));
        QVERIFY(last > atChange);
        // Continuity: what played is at most 0.1x of the wall time before the change plus
        // 10x of the wall time after it. Restarting the count at the new speed (a jump)
        // would be about 10x the whole wall time.
        const double bound = 0.1 * double(afterChange) + 10.0 * double(end - beforeChange);
        QVERIFY2(double(last) <= bound, qPrintable(QString("last %1 > bound %2").arg(last).arg(bound)));
        // And the speed applies: the 0.1x part played at most a tenth of its wall time.
        QVERIFY2(double(atChange) <= 0.1 * double(beforeChange), qPrintable(QString::number(atChange)));
        d.stop();
    }

    void stepLandsExactlyOnTheNextDeadline()
    {
        auto loop = aio::EventLoop::with_virtual_clock();
        std::vector<std::string> log;
        auto note = [&](const char* s) { log.push_back(std::string(s) + "@" + std::to_string(loop->time_ns() / kMs)); };
        loop->call_later(1.0, [&] {
            note("a");
            loop->call_soon([&] { note("a2"); });
        });
        loop->call_later(1.0, [&] { note("b"); });
        loop->call_later(2.5, [&] { note("c"); });
        loop->call_later(4.0, [&] { note("d"); });
        LoopDriver d(*loop);
        QSignalSpy steps(&d, &LoopDriver::stepFinished);
        QSignalSpy finished(&d, &LoopDriver::finished);
        d.startPaused();
        QTest::qWait(10);
        QVERIFY(log.empty());

        d.stepToNextEvent();
        QVERIFY(steps.wait(10000));
        QCOMPARE(steps.last().at(0).toLongLong(), 1 * kSec);
        QCOMPARE(loop->time_ns(), 1 * kSec);
        QCOMPARE(d.currentTime(), 1 * kSec);
        QCOMPARE(log, (std::vector<std::string>{"a@1000", "b@1000", "a2@1000"}));
        QVERIFY(!d.isPlaying());

        d.stepToNextEvent();
        QVERIFY(steps.wait(10000));
        QCOMPARE(steps.last().at(0).toLongLong(), 2500 * kMs);
        QCOMPARE(loop->time_ns(), 2500 * kMs);
        QCOMPARE(log.back(), std::string("c@2500"));

        // The last event ends the run: finished() instead of a landing.
        d.stepToNextEvent();
        QVERIFY(finished.wait(10000));
        QCOMPARE(d.outcome(), LoopDriver::Outcome::NothingLeft);
        QCOMPARE(log.back(), std::string("d@4000"));
        QCOMPARE(d.currentTime(), 4 * kSec);
        QCOMPARE(steps.size(), 2);
    }

    void stepRunsWorkReadyNowBeforeMovingTime()
    {
        auto loop = aio::EventLoop::with_virtual_clock();
        std::vector<std::string> log;
        auto note = [&](const char* s) { log.push_back(std::string(s) + "@" + std::to_string(loop->time_ns() / kMs)); };
        loop->call_soon([&] {
            note("r");
            loop->call_soon([&] { note("r2"); });  // a later iteration, same time: same step
        });
        loop->call_later(1.0, [&] { note("t"); });
        loop->call_later(2.0, [] {});
        LoopDriver d(*loop);
        QSignalSpy steps(&d, &LoopDriver::stepFinished);
        d.startPaused();
        d.stepToNextEvent();
        QVERIFY(steps.wait(10000));
        QCOMPARE(steps.last().at(0).toLongLong(), 0);
        QCOMPARE(log, (std::vector<std::string>{"r@0", "r2@0"}));
        d.stepToNextEvent();
        QVERIFY(steps.wait(10000));
        QCOMPARE(log.back(), std::string("t@1000"));
        d.stop();
    }

    void stepWhilePlayingPausesAndLands()
    {
        auto loop = aio::EventLoop::with_virtual_clock();
        int fired = 0;
        loop->call_later(10.0, [&] { ++fired; });
        loop->call_later(20.0, [&] { ++fired; });
        LoopDriver d(*loop);
        d.setSpeed(0.1);
        d.setFrameInterval(1ms);
        QSignalSpy steps(&d, &LoopDriver::stepFinished);
        d.start();
        QTRY_VERIFY_WITH_TIMEOUT(d.currentTime() > 0, 10000);
        d.stepToNextEvent();
        QVERIFY(!d.isPlaying());
        QVERIFY(steps.wait(10000));
        QCOMPARE(steps.last().at(0).toLongLong(), 10 * kSec);
        QCOMPARE(d.currentTime(), 10 * kSec);
        QCOMPARE(fired, 1);
        QTest::qWait(10);
        QCOMPARE(d.currentTime(), 10 * kSec);  // stays paused after the step
        d.stop();
    }

    void runToEndDoesNotWaitForTheWallClock()
    {
        auto loop = aio::EventLoop::with_virtual_clock();
        std::vector<std::int64_t> at;
        for (int h = 1; h <= 5; ++h)
            loop->call_later(3600.0 * h, [&] { at.push_back(loop->time_ns()); });
        LoopDriver d(*loop);
        d.setFrameInterval(1ms);
        std::vector<qint64> seen;
        connect(&d, &LoopDriver::currentTimeChanged, this, [&](qint64 t) { seen.push_back(t); });
        QSignalSpy finished(&d, &LoopDriver::finished);
        d.start();  // playing at 1x first: an hour away, nothing happens soon
        QTest::qWait(20);
        QVERIFY(at.empty());
        d.runToEnd();
        QVERIFY(d.isPlaying());
        QVERIFY(finished.wait(10000));
        QCOMPARE(at.size(), std::size_t(5));
        for (int h = 1; h <= 5; ++h)
            QCOMPARE(at[h - 1], 3600 * kSec * h);
        QCOMPARE(d.currentTime(), 5 * 3600 * kSec);
        QVERIFY(nonDecreasing(seen));
        QVERIFY(!d.isPlaying());
    }

    void realClockIgnoresPlaybackControls()
    {
        auto loop = aio::EventLoop::with_real_clock();
        bool fired = false;
        loop->call_later(0.01, [&] { fired = true; });
        LoopDriver d(*loop);
        QVERIFY(d.isRealTime());
        QSignalSpy finished(&d, &LoopDriver::finished);
        d.start();
        d.pause();
        d.stepToNextEvent();
        QVERIFY(d.isPlaying());
        QVERIFY(finished.wait(10000));
        QVERIFY(fired);
        QVERIFY(d.currentTime() >= 10 * kMs);
    }
};

QTEST_GUILESS_MAIN(TestDriverPlayback)
#include "test_driver_playback.moc"
