// LimitedRecording: what a command-line run (`export`, `run --trace`) records into, with
// the window's limits (RunLimits): past the event limit, or past the loop-time limit on
// the virtual clock, it keeps nothing more and calls onLimit once (the caller stops the
// run), so a program that never ends costs bounded memory and still gives a trace of its
// beginning. Threading: record() on the run's loop thread; the rest on the thread that owns
// the run, after it ended.
#pragma once

#include <app/run_limits.hpp>

#include <engine/recorder.hpp>

#include <QString>

#include <functional>

class LimitedRecording final : public aio::Tracer {
public:
    enum class Limit { None, Events, LoopTime };

    explicit LimitedRecording(bool virtualClock, std::size_t maxEvents = RunLimits::kMaxEvents,
                              std::int64_t maxVirtualNs = RunLimits::kMaxVirtualNs);

    void setOnLimit(std::function<void()> onLimit) { onLimit_ = std::move(onLimit); }
    void record(const aio::TraceRecord& r) override;

    const aio::Recorder& recorder() const { return recorder_; }
    Limit limitHit() const { return limit_; }
    // "the program recorded more than 5000000 events" / "... still running after 600 s of
    // loop time"; empty when no limit was hit.
    QString limitMessage() const;

private:
    aio::Recorder recorder_;
    std::size_t maxEvents_;
    std::int64_t maxVirtualNs_;  // 0: none
    Limit limit_ = Limit::None;
    std::function<void()> onLimit_;
};
