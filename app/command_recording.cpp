#include <app/command_recording.hpp>

LimitedRecording::LimitedRecording(bool virtualClock, std::size_t maxEvents, std::int64_t maxVirtualNs)
    : maxEvents_(maxEvents), maxVirtualNs_(virtualClock ? maxVirtualNs : 0)
{
}

void LimitedRecording::record(const aio::TraceRecord& r)
{
    if (limit_ != Limit::None)
        return;
    if (recorder_.size() >= maxEvents_)
        limit_ = Limit::Events;
    else if (maxVirtualNs_ && r.time_ns > maxVirtualNs_)
        limit_ = Limit::LoopTime;
    if (limit_ == Limit::None) {
        recorder_.record(r);
        return;
    }
    // Set before the call: stopping the run records events of its own.
    if (onLimit_)
        onLimit_();
}

QString LimitedRecording::limitMessage() const
{
    switch (limit_) {
    case Limit::Events:
        return QStringLiteral("the program recorded more than %1 events, the most Loopscope keeps for one run; does it ever end?")
            .arg(maxEvents_);
    case Limit::LoopTime:
        return QStringLiteral("the program was still running after %1 s of loop time; does it ever end?").arg(maxVirtualNs_ / 1'000'000'000);
    case Limit::None:
        break;
    }
    return {};
}
