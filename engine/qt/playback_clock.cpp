#include <qt/playback_clock.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace aio_qt {

std::int64_t PlaybackClock::raw(std::int64_t wallNs) const
{
    const std::int64_t elapsed = std::max<std::int64_t>(0, wallNs - anchorWall_);
    // Rounded down, so the playhead is never ahead of wall x speed.
    const double moved = std::floor(double(elapsed) * speed_);
    if (moved >= 9.0e18 - double(anchorVirtual_))
        return std::numeric_limits<std::int64_t>::max() / 2;
    return anchorVirtual_ + static_cast<std::int64_t>(moved);
}

std::int64_t PlaybackClock::advance(std::int64_t wallNs, std::int64_t capNs)
{
    if (!playing_)
        return last_;
    const std::int64_t cap = std::max(capNs, last_);
    const std::int64_t r = raw(wallNs);
    if (r >= cap) {
        last_ = cap;
        anchor(wallNs);
    } else if (r > last_) {
        last_ = r;
    }
    return last_;
}

void PlaybackClock::play(std::int64_t wallNs)
{
    if (playing_)
        return;
    playing_ = true;
    anchor(wallNs);
}

void PlaybackClock::pause(std::int64_t wallNs, std::int64_t capNs)
{
    if (!playing_)
        return;
    advance(wallNs, capNs);
    playing_ = false;
}

void PlaybackClock::setSpeed(double speed, std::int64_t wallNs, std::int64_t capNs)
{
    if (std::isnan(speed))
        return;
    advance(wallNs, capNs);
    anchor(wallNs);
    speed_ = std::clamp(speed, kMinSpeed, kMaxSpeed);
}

void PlaybackClock::jumpTo(std::int64_t virtualNs, std::int64_t wallNs)
{
    last_ = std::max(last_, virtualNs);
    anchor(wallNs);
}

std::int64_t PlaybackClock::wallUntil(std::int64_t virtualNs, std::int64_t wallNs) const
{
    if (!playing_)
        return -1;
    const std::int64_t ahead = virtualNs - anchorVirtual_;
    if (ahead <= 0 || virtualNs <= last_)
        return 0;
    // One extra nanosecond covers the rounding down in raw().
    const double need = std::ceil(double(ahead) / speed_) + 1.0;
    const double left = need - double(std::max<std::int64_t>(0, wallNs - anchorWall_));
    if (left <= 0)
        return 0;
    if (left >= 9.0e18)
        return std::numeric_limits<std::int64_t>::max() / 2;
    return static_cast<std::int64_t>(left);
}

}  // namespace aio_qt
