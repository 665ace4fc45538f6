// PlaybackClock: where the playhead is in virtual time while a run is played back
// against the wall clock at a speed (0.1x to 10x), with pause. Pure arithmetic on
// nanoseconds the caller passes in, so it is exact and testable; LoopDriver owns one.
// The playhead never goes back, never passes the cap it is given (the next event the
// engine has not reached), and a speed change or pause/resume never makes it jump.
// Not thread-safe: one owner thread.
#pragma once

#include <cstdint>

namespace aio_qt {

class PlaybackClock {
public:
    static constexpr double kMinSpeed = 0.1;
    static constexpr double kMaxSpeed = 10.0;

    explicit PlaybackClock(std::int64_t startNs = 0) : anchorVirtual_(startNs), last_(startNs) {}

    // The playhead as last computed (moves only in advance() and jumpTo()).
    std::int64_t position() const noexcept { return last_; }
    bool isPlaying() const noexcept { return playing_; }
    double speed() const noexcept { return speed_; }

    // The playhead at wall time `wallNs`: start + elapsed wall x speed, held at `cap`
    // (but never below the last position). While held, the anchor moves with the
    // wall clock, so once the cap rises time flows on from the cap instead of leaping.
    std::int64_t advance(std::int64_t wallNs, std::int64_t capNs);

    void play(std::int64_t wallNs);
    void pause(std::int64_t wallNs, std::int64_t capNs);
    // Clamped to [kMinSpeed, kMaxSpeed]; the playhead is continuous across the change.
    void setSpeed(double speed, std::int64_t wallNs, std::int64_t capNs);
    // Moves the playhead forward to `virtualNs` (never back) and flows on from there.
    void jumpTo(std::int64_t virtualNs, std::int64_t wallNs);

    // Wall nanoseconds from `wallNs` until the playhead reaches `virtualNs` at the
    // current speed: 0 if it has already, -1 if paused.
    std::int64_t wallUntil(std::int64_t virtualNs, std::int64_t wallNs) const;

private:
    std::int64_t raw(std::int64_t wallNs) const;
    void anchor(std::int64_t wallNs)
    {
        anchorVirtual_ = last_;
        anchorWall_ = wallNs;
    }

    std::int64_t anchorVirtual_;
    std::int64_t anchorWall_ = 0;
    std::int64_t last_;
    double speed_ = 1.0;
    bool playing_ = false;
};

}  // namespace aio_qt
