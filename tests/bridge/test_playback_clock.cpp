// The playhead arithmetic on its own, with made-up wall times: exact and repeatable.
#include <qt/playback_clock.hpp>

#include <QTest>

#include <cstdint>
#include <cstdlib>
#include <limits>

using aio_qt::PlaybackClock;

namespace {
constexpr std::int64_t kSec = 1'000'000'000;
constexpr std::int64_t kFar = std::numeric_limits<std::int64_t>::max() / 4;
}  // namespace

class TestPlaybackClock : public QObject {
    Q_OBJECT
private slots:
    void startsPausedAtItsStart()
    {
        PlaybackClock c(5 * kSec);
        QVERIFY(!c.isPlaying());
        QCOMPARE(c.advance(100 * kSec, kFar), 5 * kSec);
        QCOMPARE(c.wallUntil(6 * kSec, 0), std::int64_t(-1));
    }

    void playsAtSpeed()
    {
        PlaybackClock c;
        c.play(10 * kSec);  // wall time need not start at 0
        QCOMPARE(c.advance(11 * kSec, kFar), kSec);
        c.setSpeed(2.0, 11 * kSec, kFar);
        QCOMPARE(c.advance(12 * kSec, kFar), 3 * kSec);
        c.setSpeed(0.5, 12 * kSec, kFar);
        QCOMPARE(c.advance(14 * kSec, kFar), 4 * kSec);
    }

    void speedChangesAreContinuous()
    {
        // At every change the playhead at that wall time is the same before and after,
        // and it never goes back, whatever the speeds and however often they change.
        const double speeds[] = {0.1, 10.0, 0.25, 4.0, 1.0, 0.1, 10.0, 2.5, 0.5};
        PlaybackClock c;
        c.play(0);
        std::int64_t wall = 0;
        std::int64_t expected = 0;
        double speed = 1.0;
        for (int round = 0; round < 40; ++round) {
            const std::int64_t step = 123'456'789 + round * 7'777'777;
            wall += step;
            expected += std::int64_t(double(step) * speed);
            const std::int64_t before = c.advance(wall, kFar);
            QVERIFY(std::abs(before - expected) <= round + 1);  // rounding down, at most 1 ns a segment
            speed = speeds[round % 9];
            c.setSpeed(speed, wall, kFar);
            QCOMPARE(c.position(), before);
            QCOMPARE(c.advance(wall, kFar), before);
            expected = before;
        }
    }

    void pauseFreezesAndResumeContinues()
    {
        PlaybackClock c;
        c.setSpeed(4.0, 0, kFar);
        c.play(0);
        QCOMPARE(c.advance(kSec, kFar), 4 * kSec);
        c.pause(2 * kSec, kFar);
        QVERIFY(!c.isPlaying());
        QCOMPARE(c.position(), 8 * kSec);
        QCOMPARE(c.advance(50 * kSec, kFar), 8 * kSec);
        c.setSpeed(1.0, 60 * kSec, kFar);  // changing speed while paused moves nothing
        QCOMPARE(c.position(), 8 * kSec);
        c.play(100 * kSec);
        QCOMPARE(c.advance(100 * kSec, kFar), 8 * kSec);
        QCOMPARE(c.advance(101 * kSec, kFar), 9 * kSec);
    }

    void capHoldsThePlayheadAndTimeFlowsOnFromIt()
    {
        PlaybackClock c;
        c.play(0);
        QCOMPARE(c.advance(5 * kSec, 2 * kSec), 2 * kSec);  // held at the next event
        QCOMPARE(c.advance(7 * kSec, 2 * kSec), 2 * kSec);
        // The event ran; the cap moves on. Time flows from where it was held, no leap.
        QCOMPARE(c.advance(8 * kSec, 10 * kSec), 3 * kSec);
    }

    void neverGoesBack()
    {
        PlaybackClock c;
        c.play(0);
        QCOMPARE(c.advance(3 * kSec, kFar), 3 * kSec);
        QCOMPARE(c.advance(4 * kSec, kSec), 3 * kSec);  // a cap below the playhead holds it
        QCOMPARE(c.advance(2 * kSec, kFar), 3 * kSec);  // wall time going back changes nothing
        c.jumpTo(kSec, 4 * kSec);                       // jumps only forward
        QCOMPARE(c.position(), 3 * kSec);
        c.jumpTo(6 * kSec, 4 * kSec);
        QCOMPARE(c.position(), 6 * kSec);
        QCOMPARE(c.advance(5 * kSec, kFar), 7 * kSec);  // and flows on from the jump
    }

    void wallUntilReachesTheTarget()
    {
        for (double speed : {0.1, 0.3, 1.0, 3.0, 7.0, 10.0}) {
            PlaybackClock c;
            c.setSpeed(speed, 0, kFar);
            c.play(1000);
            const std::int64_t target = 1'234'567'891;
            const std::int64_t w = c.wallUntil(target, 1000);
            QVERIFY(w > 0);
            QVERIFY(c.advance(1000 + w, kFar) >= target);
            PlaybackClock d;
            d.setSpeed(speed, 0, kFar);
            d.play(1000);
            // Not later than needed, but for rounding: a few nanoseconds less fall short.
            QVERIFY(d.advance(1000 + w - 3, kFar) <= target);
        }
        PlaybackClock c;
        c.play(0);
        QCOMPARE(c.advance(2 * kSec, kFar), 2 * kSec);
        QCOMPARE(c.wallUntil(kSec, 2 * kSec), std::int64_t(0));
    }

    void speedIsClamped()
    {
        PlaybackClock c;
        c.setSpeed(100.0, 0, kFar);
        QCOMPARE(c.speed(), PlaybackClock::kMaxSpeed);
        c.setSpeed(0.0, 0, kFar);
        QCOMPARE(c.speed(), PlaybackClock::kMinSpeed);
        c.setSpeed(std::numeric_limits<double>::quiet_NaN(), 0, kFar);
        QCOMPARE(c.speed(), PlaybackClock::kMinSpeed);
    }
};

QTEST_GUILESS_MAIN(TestPlaybackClock)
#include "test_playback_clock.moc"
