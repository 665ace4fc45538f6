// TimelineModel built from recorded traces: lanes, states, loop lane, resources, memory.
#include <ui/timeline_model.hpp>

#include "ui/trace_sim.hpp"

#include <QtTest>

using sim::kSec;

namespace {

const TimelineTask* taskNamed(const TimelineModel& m, const QString& name)
{
    for (const TimelineTask& t : m.tasks())
        if (m.taskName(t.id) == name)
            return &t;
    return nullptr;
}

// Total time a task spent in `state` (and `kind` if waiting).
qint64 timeIn(const TimelineModel& m, const TimelineTask& t, TaskState state, aio::WaitKind kind = aio::WaitKind::none)
{
    qint64 total = 0;
    for (int i = 0; i < int(t.segments.size()); ++i) {
        const TimelineSegment& s = t.segments[std::size_t(i)];
        if (s.state == state && (state != TaskState::Waiting || s.waitKind == kind))
            total += m.segmentEnd(t, i, m.endTime()) - m.segmentStart(t, i);
    }
    return total;
}

// Copies the events of `from` into `to` (strings re-interned), as a growing live recorder.
void copyEvents(const aio::Recorder& from, aio::Recorder& to, std::size_t begin, std::size_t end)
{
    for (std::size_t i = begin; i < end; ++i) {
        aio::TraceEvent e = from[i];
        e.text = to.intern(from.string(e.text));
        to.append(e);
    }
}

}  // namespace

class TestTimelineModel : public QObject {
    Q_OBJECT
private slots:
    void gatherGivesThreeLanesWaitingFiveThreeFour()
    {
        aio::Recorder rec;
        sim::gather543(rec);
        TimelineModel m(rec);
        QVERIFY(m.update());
        QCOMPARE(m.endTime(), 5 * kSec);  // the run takes as long as the longest child
        const TimelineTask* main = taskNamed(m, QStringLiteral("main"));
        QVERIFY(main);
        QCOMPARE(main->children.size(), std::size_t(3));
        const qint64 expected[3] = {5 * kSec, 3 * kSec, 4 * kSec};
        const char* names[3] = {"work-5", "work-3", "work-4"};
        for (int i = 0; i < 3; ++i) {
            const TimelineTask* w = taskNamed(m, QString::fromLatin1(names[i]));
            QVERIFY(w);
            QCOMPARE(w->parent, main->id);
            QCOMPARE(w->depth, 1);
            QCOMPARE(main->children[std::size_t(i)], w->id);
            QCOMPARE(timeIn(m, *w, TaskState::Waiting, aio::WaitKind::sleep), expected[i]);
            QCOMPARE(m.endKind(*w), TaskEnd::Done);
            QCOMPARE(m.finishTime(*w), expected[i]);
            QCOMPARE(m.eventText(w->finishEvent), QString::number(expected[i] / kSec));
        }
        // main waits on the gather for the whole run and finishes at 5 s.
        QCOMPARE(timeIn(m, *main, TaskState::Waiting, aio::WaitKind::gather), 5 * kSec);
        const int seg = m.segmentAt(*main, 2 * kSec);
        QVERIFY(seg >= 0);
        QCOMPARE(main->segments[std::size_t(seg)].state, TaskState::Waiting);
        QCOMPARE(m.eventText(main->segments[std::size_t(seg)].event), QStringLiteral("gather(work-5, work-3, work-4)"));
        // The gather's wake-up comes from the last child to finish.
        bool wokeByWork5 = false;
        for (std::uint32_t ev : m.wakeEvents())
            if (m.event(ev).a == main->id && m.event(ev).b == taskNamed(m, QStringLiteral("work-5"))->id)
                wokeByWork5 = m.timeOf(ev) == 5 * kSec;
        QVERIFY(wokeByWork5);
        QCOMPARE(m.lineAt(*taskNamed(m, QStringLiteral("work-3")), kSec), 2);
    }

    void loopLaneHoldsOneTaskAtATime()
    {
        aio::Recorder rec;
        sim::semaphore12(rec);
        TimelineModel m(rec);
        m.update();
        const auto& spans = m.loopSpans();
        QVERIFY(spans.size() >= 13 * 2);
        for (std::size_t i = 0; i < spans.size(); ++i) {
            QVERIFY(spans[i].end != kNoEvent);
            QVERIFY(spans[i].begin < spans[i].end);
            if (i > 0)
                QVERIFY(spans[i - 1].end <= spans[i].begin);
            const aio::TraceEvent& b = m.event(spans[i].begin);
            QCOMPARE(b.kind, aio::EventKind::task_resumed);
            QCOMPARE(b.a, spans[i].who);
        }
        // Between wake-ups the loop is idle; at 1 s the first sleepers run (in no time).
        QCOMPARE(m.loopSpanAt(kSec / 2), -1);
        const int at = m.loopSpanAt(kSec);
        QVERIFY(at >= 0);
        QCOMPARE(m.timeOf(spans[std::size_t(at)].begin), kSec);
        QVERIFY(m.taskName(spans[std::size_t(at)].who).startsWith(QLatin1String("fetch-")));
    }

    void semaphoreOfThreeNeverHasMoreThanThreeHolders()
    {
        aio::Recorder rec;
        sim::semaphore12(rec);
        TimelineModel m(rec);
        m.update();
        QCOMPARE(m.resources().size(), std::size_t(1));
        const TimelineResource& sem = m.resources().front();
        QCOMPARE(sem.kind, aio::ResourceKind::semaphore);
        QCOMPARE(sem.capacity, std::int64_t(3));
        QCOMPARE(m.resourceName(sem.id), QStringLiteral("pool"));
        std::int64_t maxInUse = 0;
        std::size_t maxHolders = 0;
        for (std::uint32_t ev : sem.stateEvents)
            maxInUse = std::max(maxInUse, m.resourceLevelAt(sem, m.timeOf(ev)));
        for (std::uint32_t ev : sem.holdEvents)
            maxHolders = std::max(maxHolders, m.holdersAt(sem, m.timeOf(ev)).size());
        QCOMPARE(maxInUse, std::int64_t(3));
        QCOMPARE(sem.maxLevel, std::int64_t(3));
        QCOMPARE(maxHolders, std::size_t(3));
        // Nine of the twelve had to queue for a permit; all twelve finished.
        int queued = 0;
        for (const TimelineTask& t : m.tasks()) {
            if (m.taskName(t.id).startsWith(QLatin1String("fetch-"))) {
                QCOMPARE(m.endKind(t), TaskEnd::Done);
                queued += timeIn(m, t, TaskState::Waiting, aio::WaitKind::semaphore) > 0;
            }
        }
        QCOMPARE(queued, 9);
        QCOMPARE(m.resourceWaitersAt(sem, 0), std::int64_t(9));
        QCOMPARE(m.resourceLevelAt(sem, m.endTime()), std::int64_t(0));
    }

    void waitForTimeoutCancelsTheInnerTaskAtTheDeadline()
    {
        aio::Recorder rec;
        sim::waitForTimeout(rec);
        TimelineModel m(rec);
        m.update();
        const TimelineTask* slow = taskNamed(m, QStringLiteral("slow"));
        const TimelineTask* main = taskNamed(m, QStringLiteral("main"));
        QVERIFY(slow && main);
        QCOMPARE(slow->parent, main->id);
        QCOMPARE(m.endKind(*slow), TaskEnd::TimedOut);
        QCOMPARE(m.finishTime(*slow), qint64(2.5 * kSec));  // created at 0.5 s, timeout 2 s
        QCOMPARE(m.timeOf(slow->timeoutEvent), qint64(2.5 * kSec));
        QCOMPARE(m.event(slow->cancelEvent).b, main->id);
        // main waited on it from 0.5 s to the deadline, then slept 0.5 s more.
        QCOMPARE(timeIn(m, *main, TaskState::Waiting, aio::WaitKind::wait), 2 * kSec);
        QCOMPARE(m.endKind(*main), TaskEnd::Done);
        QCOMPARE(m.endTime(), 3 * kSec);
        QCOMPARE(m.segmentAt(*slow, 3 * kSec), -1);
    }

    void blockedLoopIsARunningTaskBlockingEveryone()
    {
        aio::Recorder rec;
        sim::producerConsumer(rec);
        TimelineModel m(rec);
        m.update();
        QCOMPARE(m.blockedEvents().size(), std::size_t(1));
        const aio::TraceEvent& b = m.event(m.blockedEvents().front());
        const TimelineTask* main = taskNamed(m, QStringLiteral("main"));
        QCOMPARE(b.a, main->id);
        const qint64 mid = b.time_ns + b.value / 2;
        const int seg = m.segmentAt(*main, mid);
        QVERIFY(seg >= 0);
        QCOMPARE(main->segments[std::size_t(seg)].state, TaskState::Blocked);
        QCOMPARE(m.endTime(), b.time_ns + b.value);
        // The queue never holds more than its maxsize.
        const TimelineResource* q = m.resource(sim::ObjectId(m.resources().front().id));
        QVERIFY(q);
        QCOMPARE(q->capacity, std::int64_t(2));
        QCOMPARE(q->maxLevel, std::int64_t(2));
        QVERIFY(!q->contentEvents.empty());
        QVERIFY(m.eventText(q->contentEvents.front()).startsWith(QLatin1String("['job-0'")));
    }

    void updateConsumesALiveRecorderIncrementally()
    {
        aio::Recorder full;
        sim::semaphore12(full);
        TimelineModel reference(full);
        reference.update();

        aio::Recorder live;
        TimelineModel m(live);
        QVERIFY(!m.update());
        const std::size_t n = full.size();
        for (std::size_t at = 0; at < n; at += 7) {
            copyEvents(full, live, at, std::min(n, at + 7));
            QVERIFY(m.update());
            QVERIFY(!m.update());
        }
        QCOMPARE(m.eventCount(), n);
        QCOMPARE(m.tasks().size(), reference.tasks().size());
        for (std::size_t i = 0; i < m.tasks().size(); ++i) {
            const TimelineTask& a = m.tasks()[i];
            const TimelineTask& b = reference.tasks()[i];
            QCOMPARE(m.taskName(a.id), reference.taskName(b.id));
            QCOMPARE(a.segments.size(), b.segments.size());
            for (std::size_t k = 0; k < a.segments.size(); ++k) {
                QCOMPARE(a.segments[k].event, b.segments[k].event);
                QCOMPARE(a.segments[k].state, b.segments[k].state);
            }
            QCOMPARE(a.finishEvent, b.finishEvent);
        }
        QCOMPARE(m.loopSpans().size(), reference.loopSpans().size());
        QCOMPARE(m.endTime(), reference.endTime());
    }

    void openSegmentsEndAtTheLimit()
    {
        aio::Recorder full;
        sim::gather543(full);
        // Cut the run at 4 s: work-5 is still sleeping, its segment is open.
        aio::Recorder cut;
        std::size_t upTo = 0;
        while (upTo < full.size() && full[upTo].time_ns <= 4 * kSec)
            ++upTo;
        copyEvents(full, cut, 0, upTo);
        TimelineModel m(cut);
        m.update();
        const TimelineTask* w5 = taskNamed(m, QStringLiteral("work-5"));
        QCOMPARE(m.endKind(*w5), TaskEnd::None);
        const int last = int(w5->segments.size()) - 1;
        QCOMPARE(w5->segments.back().state, TaskState::Waiting);
        QCOMPARE(m.segmentEnd(*w5, last, m.endTime()), 4 * kSec);
        QCOMPARE(m.segmentEnd(*w5, last, 7 * kSec), 7 * kSec);
        QCOMPARE(m.eventsUpTo(4 * kSec), std::uint32_t(upTo));
    }

    void steppingVisitsEachMomentSomethingHappened()
    {
        aio::Recorder rec;
        sim::gather543(rec);
        TimelineModel m(rec);
        m.update();
        // Moments of the run: 0, 3, 4, 5 s.
        QCOMPARE(m.nextEventTime(0), 3 * kSec);
        QCOMPARE(m.nextEventTime(kSec), 3 * kSec);
        QCOMPARE(m.nextEventTime(3 * kSec), 4 * kSec);
        QCOMPARE(m.nextEventTime(5 * kSec), 5 * kSec);  // nothing after the end
        QCOMPARE(m.previousEventTime(5 * kSec), 4 * kSec);
        QCOMPARE(m.previousEventTime(qint64(3.5 * kSec)), 3 * kSec);
        QCOMPARE(m.previousEventTime(0), qint64(0));
    }

    void memoryPerEventStaysSmall()
    {
        // 300 tasks taking turns on a lock and sleeping: ~25k events.
        aio::Recorder rec;
        sim::TraceSim s(rec);
        const aio::ObjectId lock = s.lock("db");
        std::vector<int> workers;
        for (int i = 0; i < 300; ++i) {
            std::vector<sim::Step> steps;
            for (int k = 0; k < 10; ++k) {
                steps.push_back(sim::sleepFor(0.01 * (1 + (i + k) % 7)));
                steps.push_back(sim::acquire(lock));
                steps.push_back(sim::line(10 + k));
                steps.push_back(sim::release(lock));
            }
            steps.push_back(sim::returns("ok"));
            workers.push_back(s.script("w" + std::to_string(i), steps));
        }
        s.run(s.script("main", {sim::spawn(workers), sim::gather(workers), sim::returns("None")}));
        TimelineModel m(rec);
        m.update();
        const double events = double(m.eventCount());
        QVERIFY2(events > 20000, qPrintable(QString::number(events)));
        const double modelPerEvent = double(m.memoryBytes()) / events;
        const double allIn = double(m.memoryBytes() + rec.memory_bytes()) / events;
        qInfo("model: %.1f bytes/event; with the recorder: %.1f bytes/event (%.0f events)", modelPerEvent, allIn, events);
        QVERIFY(modelPerEvent <= 32);
        QVERIFY(allIn <= 64);
    }
};

QTEST_GUILESS_MAIN(TestTimelineModel)
#include "test_timeline_model.moc"
