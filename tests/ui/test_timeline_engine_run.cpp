// The timeline fed by the real engine: a recorded run reads the same way the
// hand-built traces of the other suites do (lanes, waits, ends, drawn colours).
#include <ui/timeline_painter.hpp>

#include <engine/engine.hpp>

#include <QImage>
#include <QPainter>
#include <QtTest>

namespace {

constexpr qint64 kSec = 1'000'000'000;

const TimelineTask* taskNamed(const TimelineModel& m, const QString& name)
{
    for (const TimelineTask& t : m.tasks())
        if (m.taskName(t.id) == name)
            return &t;
    return nullptr;
}

qint64 sleptFor(const TimelineModel& m, const TimelineTask& t)
{
    qint64 total = 0;
    for (int i = 0; i < int(t.segments.size()); ++i)
        if (t.segments[std::size_t(i)].state == TaskState::Waiting && t.segments[std::size_t(i)].waitKind == aio::WaitKind::sleep)
            total += m.segmentEnd(t, i, m.endTime()) - m.segmentStart(t, i);
    return total;
}

}  // namespace

class TestTimelineEngineRun : public QObject {
    Q_OBJECT
private slots:
    // Two tasks taking turns with sleep(0): between its turns each is ready (waiting
    // for the loop), never "waiting on" anything, though no task_ready is recorded.
    void yieldingTasksAreReadyBetweenTurns()
    {
        aio::EventLoop loop(std::make_unique<aio::VirtualClock>());
        aio::Recorder rec;
        loop.set_tracer(&rec);
        auto turns = [](int n) -> aio::Task<void> {
            for (int i = 0; i < n; ++i)
                co_await aio::sleep(0);
        };
        auto main = [&]() -> aio::Task<void> {
            auto a = loop.create_task(turns(3), "a");
            auto b = loop.create_task(turns(3), "b");
            co_await a;
            co_await b;
        };
        loop.run_until_complete(main());
        TimelineModel m(rec);
        QVERIFY(m.update());
        for (const char* name : {"a", "b"}) {
            const TimelineTask* t = taskNamed(m, QString::fromLatin1(name));
            QVERIFY(t);
            int ready = 0, running = 0;
            for (const TimelineSegment& s : t->segments) {
                QVERIFY2(s.state != TaskState::Waiting, name);
                ready += s.state == TaskState::Ready;
                running += s.state == TaskState::Running;
            }
            QCOMPARE(running, 4);  // the first step and one after each yield
            QCOMPARE(ready, 4);    // created, then after each yield
            QCOMPARE(m.endKind(*t), TaskEnd::Done);
        }
    }

    void threeSleepersGiveThreeLanesAndARunOfFiveSeconds()
    {
        aio::EventLoop loop;
        aio::Recorder rec;
        loop.set_tracer(&rec);
        auto work = [](int d) -> aio::Task<int> {
            co_await aio::sleep(d);
            co_return d;
        };
        auto main = [&]() -> aio::Task<int> {
            auto a = loop.create_task(work(5), "work-5");
            auto b = loop.create_task(work(3), "work-3");
            auto c = loop.create_task(work(4), "work-4");
            const int x = co_await a;
            const int y = co_await b;
            const int z = co_await c;
            co_return x + y + z;
        };
        QCOMPARE(loop.run_until_complete(main()), 12);

        TimelineModel m(rec);
        QVERIFY(m.update());
        QCOMPARE(m.endTime(), 5 * kSec);
        const char* names[3] = {"work-5", "work-3", "work-4"};
        const qint64 expected[3] = {5 * kSec, 3 * kSec, 4 * kSec};
        const TimelineTask* first = taskNamed(m, QStringLiteral("work-5"));
        QVERIFY(first && first->parent != 0);
        for (int i = 0; i < 3; ++i) {
            const TimelineTask* t = taskNamed(m, QString::fromLatin1(names[i]));
            QVERIFY(t);
            QCOMPARE(t->parent, first->parent);  // all three nest under main
            QCOMPARE(sleptFor(m, *t), expected[i]);
            QCOMPARE(m.endKind(*t), TaskEnd::Done);
            QCOMPARE(m.finishTime(*t), expected[i]);
        }
        const TimelineTask* main_task = m.task(first->parent);
        QCOMPARE(m.endKind(*main_task), TaskEnd::Done);
        QCOMPARE(m.eventText(main_task->finishEvent), QStringLiteral("12"));

        // Drawn: work-3 sleeps until 3 s, then its lane is empty.
        TimelinePainter p(m);
        p.setSize(QSizeF(900, 300));
        p.fitToRun();
        QImage img(900, 300, QImage::Format_ARGB32_Premultiplied);
        {
            QPainter qp(&img);
            p.paint(qp);
        }
        const QRectF lane = p.laneRect(taskNamed(m, QStringLiteral("work-3"))->id);
        const QColor sleepFill = p.theme().waitFillColor(aio::WaitKind::sleep);
        const QColor sleepHatch = p.theme().waitColor(aio::WaitKind::sleep);
        auto sleepingAt = [&](qint64 t) {
            for (int dx = -3; dx <= 3; ++dx) {
                const QRgb c = QColor(img.pixel(int(p.xForTime(t)) + dx, int(lane.center().y()))).rgb();
                if (c == sleepFill.rgb() || c == sleepHatch.rgb())
                    return true;
            }
            return false;
        };
        QVERIFY(sleepingAt(qint64(1.5 * kSec)));
        QVERIFY(!sleepingAt(qint64(4.5 * kSec)));
    }

    void aCancelledSleeperEndsWithACancelMarker()
    {
        aio::EventLoop loop;
        aio::Recorder rec;
        loop.set_tracer(&rec);
        auto main = [&]() -> aio::Task<void> {
            auto t = loop.create_task(aio::sleep(10.0, 0), "victim");
            loop.call_later(1, [t]() mutable { t.cancel("enough"); }, "stopper");
            try {
                co_await t;
            } catch (const aio::CancelledError&) {
            }
        };
        loop.run_until_complete(main());
        TimelineModel m(rec);
        m.update();
        const TimelineTask* victim = taskNamed(m, QStringLiteral("victim"));
        QVERIFY(victim);
        QCOMPARE(m.endKind(*victim), TaskEnd::Cancelled);
        QCOMPARE(m.finishTime(*victim), kSec);
        QVERIFY(victim->cancelEvent != kNoEvent);
        // The stopper callback held the loop at 1 s.
        const int span = m.loopSpanAt(kSec);
        QVERIFY(span >= 0);
        bool callbackAtOne = false;
        for (const LoopSpan& s : m.loopSpans())
            callbackAtOne |= m.loopSpanIsCallback(s) && m.timeOf(s.begin) == kSec && m.eventText(s.begin) == QStringLiteral("stopper");
        QVERIFY(callbackAtOne);
    }
};

QTEST_MAIN(TestTimelineEngineRun)
#include "test_timeline_engine_run.moc"
