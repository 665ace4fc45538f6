// Where a loop's time comes from. A Clock belongs to one loop and is used on its
// thread; VirtualClock::now_ns may also be read from other threads (it is atomic).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace aio {

class Clock {
public:
    virtual ~Clock() = default;
    virtual std::int64_t now_ns() const = 0;
    // A virtual clock jumps to the next deadline when nothing is ready; a real one waits.
    virtual bool is_virtual() const = 0;
    // Virtual clocks only: move time forward (never backward).
    virtual void advance_to(std::int64_t) {}
};

// Monotonic wall time, counted from the clock's creation so a run starts at 0.
class SteadyClock final : public Clock {
public:
    SteadyClock() : origin_(std::chrono::steady_clock::now()) {}
    std::int64_t now_ns() const override
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - origin_).count();
    }
    bool is_virtual() const override { return false; }
    std::chrono::steady_clock::time_point to_time_point(std::int64_t ns) const { return origin_ + std::chrono::nanoseconds(ns); }

private:
    std::chrono::steady_clock::time_point origin_;
};

// Integer nanoseconds that move only when told: deterministic, and instant to run.
class VirtualClock final : public Clock {
public:
    explicit VirtualClock(std::int64_t start_ns = 0) : now_(start_ns) {}
    std::int64_t now_ns() const override { return now_.load(std::memory_order_relaxed); }
    bool is_virtual() const override { return true; }
    void advance_to(std::int64_t ns) override
    {
        if (ns > now_.load(std::memory_order_relaxed))
            now_.store(ns, std::memory_order_relaxed);
    }

private:
    std::atomic<std::int64_t> now_;
};

// Seconds (as asyncio takes them) to the clock's nanoseconds, rounded to nearest.
std::int64_t seconds_to_ns(double seconds);

}  // namespace aio
