#include <ui/run_summary.hpp>

#include <QStringList>

#include <cmath>

QString formatDuration(qint64 ns)
{
    if (ns == 0)
        return QStringLiteral("0 s");
    const double s = double(ns) / 1e9;
    if (std::fabs(s) < 0.1) {
        const double ms = double(ns) / 1e6;
        if (std::fabs(ms) >= 10)
            return QStringLiteral("%1 ms").arg(std::llround(ms));
        return QStringLiteral("%1 ms").arg(QString::number(ms, 'g', 2));
    }
    // One decimal, or two when the second one carries information (1.25 s).
    const double tenths = std::round(s * 10) / 10;
    if (std::fabs(s) < 1.0)
        return QStringLiteral("%1 s").arg(QString::number(s, 'g', 2));
    if (std::fabs(s - tenths) >= 0.005 && std::fabs(s) < 100)
        return QStringLiteral("%1 s").arg(QString::number(s, 'f', 2));
    return QStringLiteral("%1 s").arg(QString::number(s, 'f', 1));
}

QString RunSummary::headline() const
{
    return QStringLiteral("%1 of waiting done in %2").arg(formatDuration(waitingTime()), formatDuration(runTime));
}

QString RunSummary::tasksLine() const
{
    QStringList parts;
    auto add = [&](int n, const char* what) {
        if (n > 0)
            parts << QStringLiteral("%1 %2").arg(n).arg(QLatin1String(what));
    };
    add(done, "done");
    add(cancelled, "cancelled");
    add(timedOut, "timed out");
    add(failed, "failed");
    add(unfinished, deadlocked ? "stuck" : "unfinished");
    const QString head = tasks == 1 ? QStringLiteral("1 task") : QStringLiteral("%1 tasks").arg(tasks);
    return parts.isEmpty() ? head : head + QStringLiteral(": ") + parts.join(QStringLiteral(", "));
}

QString RunSummary::breakdown() const
{
    QStringList parts;
    parts << QStringLiteral("asyncio.sleep %1").arg(formatDuration(sleepTime));
    if (blockingTime > 0)
        parts << QStringLiteral("blocking the loop %1").arg(formatDuration(blockingTime));
    if (threadTime > 0)
        parts << QStringLiteral("threads %1").arg(formatDuration(threadTime));
    return parts.join(QStringLiteral(", "));
}

RunSummary summarizeRun(const TimelineModel& m)
{
    RunSummary s;
    if (m.eventCount() == 0)
        return s;
    const qint64 end = m.endTime();
    s.runTime = end - m.startTime();
    for (const TimelineTask& t : m.tasks()) {
        ++s.tasks;
        for (int i = 0; i < int(t.segments.size()); ++i) {
            const TimelineSegment& seg = t.segments[std::size_t(i)];
            if (seg.state == TaskState::Waiting && seg.waitKind == aio::WaitKind::sleep)
                s.sleepTime += m.segmentEnd(t, i, end) - m.segmentStart(t, i);
        }
        switch (m.endKind(t)) {
        case TaskEnd::None: ++s.unfinished; break;
        case TaskEnd::Done: ++s.done; break;
        case TaskEnd::Cancelled: ++s.cancelled; break;
        case TaskEnd::TimedOut: ++s.timedOut; break;
        case TaskEnd::Failed: ++s.failed; break;
        }
    }
    for (std::uint32_t e : m.blockedEvents())
        s.blockingTime += m.event(e).value;
    for (const TimelineWorker& w : m.workers()) {
        qint64 busySince = -1;
        for (std::uint32_t e : w.events) {
            const aio::TraceEvent& ev = m.event(e);
            if (ev.kind == aio::EventKind::worker_busy)
                busySince = ev.time_ns;
            else if (busySince >= 0) {
                s.threadTime += ev.time_ns - busySince;
                busySince = -1;
            }
        }
        if (busySince >= 0)
            s.threadTime += end - busySince;
    }
    for (std::uint32_t e : m.problemEvents())
        if (m.event(e).kind == aio::EventKind::deadlock)
            s.deadlocked = true;
    return s;
}
