// The task inspector: what the selected task is doing at the playhead, what it awaits, who
// made it, how it ended, and its history up to the playhead.
#include <ui/task_inspector.hpp>

#include "ui/trace_sim.hpp"

#include <QLabel>
#include <QSignalSpy>
#include <QtTest>

namespace {

constexpr qint64 kSec = 1'000'000'000;

aio::ObjectId taskNamed(const TimelineModel& m, const QString& name)
{
    for (const TimelineTask& t : m.tasks())
        if (m.taskName(t.id) == name)
            return t.id;
    return 0;
}

bool historyHas(const TaskSnapshot& s, const QString& state, const QString& detailPart = {})
{
    for (const TaskHistoryEntry& e : s.history)
        if (e.state == state && e.detail.contains(detailPart))
            return true;
    return false;
}

}  // namespace

class TestTaskInspector : public QObject {
    Q_OBJECT
private slots:
    void aWorkerWaitingForAPermitSaysSo()
    {
        aio::Recorder rec;
        sim::semaphore12(rec);
        TimelineModel m(rec);
        m.update();
        const aio::ObjectId f5 = taskNamed(m, QStringLiteral("fetch-5"));
        const aio::ObjectId main = taskNamed(m, QStringLiteral("main"));
        QVERIFY(f5 && main);
        const TaskSnapshot s = snapshotTask(m, f5, kSec / 2);
        QVERIFY(s.exists);
        QCOMPARE(s.name, QStringLiteral("fetch-5"));
        QCOMPARE(s.state, QStringLiteral("waiting (semaphore)"));
        QCOMPARE(s.awaiting, QStringLiteral("Semaphore 'pool'"));
        QCOMPARE(s.creator, main);
        QCOMPARE(s.creatorName, QStringLiteral("main"));
        QVERIFY(s.result.isEmpty());
        QCOMPARE(s.end, TaskEnd::None);
        // Its history so far: created, then waiting; nothing from the future.
        QCOMPARE(s.history.first().state, QStringLiteral("created"));
        QVERIFY(historyHas(s, QStringLiteral("waiting (semaphore)"), QStringLiteral("Semaphore 'pool'")));
        QVERIFY(!historyHas(s, QStringLiteral("waiting (sleep)")));
        QVERIFY(!historyHas(s, QStringLiteral("done")));
    }

    void theEndShowsTheResultAndWhoWokeIt()
    {
        aio::Recorder rec;
        sim::semaphore12(rec);
        TimelineModel m(rec);
        m.update();
        const aio::ObjectId f3 = taskNamed(m, QStringLiteral("fetch-3"));
        const TaskSnapshot s = snapshotTask(m, f3, -1);
        QCOMPARE(s.state, QStringLiteral("done"));
        QCOMPARE(s.end, TaskEnd::Done);
        QCOMPARE(s.result, QStringLiteral("9"));
        QVERIFY(s.awaiting.isEmpty());
        // fetch-0 released its permit at 1 s, which let fetch-3 in.
        QVERIFY(historyHas(s, QStringLiteral("ready"), QStringLiteral("woken by 'fetch-0'")));
        QVERIFY(historyHas(s, QStringLiteral("waiting (sleep)"), QStringLiteral("sleep(1)")));
        QCOMPARE(s.history.last().state, QStringLiteral("done"));
        // Times never go backwards through the history.
        for (int i = 1; i < s.history.size(); ++i)
            QVERIFY(s.history[i - 1].time <= s.history[i].time);
    }

    void timedOutAndFailedTasksSayHowTheyEnded()
    {
        aio::Recorder rec;
        sim::waitForTimeout(rec);
        TimelineModel m(rec);
        m.update();
        const TaskSnapshot slow = snapshotTask(m, taskNamed(m, QStringLiteral("slow")), -1);
        QCOMPARE(slow.end, TaskEnd::TimedOut);
        QCOMPARE(slow.state, QStringLiteral("timed out"));
        QVERIFY(historyHas(slow, QStringLiteral("timeout expired")));

        aio::Recorder rec2;
        sim::threadAndEvent(rec2);
        TimelineModel m2(rec2);
        m2.update();
        const TaskSnapshot waiter = snapshotTask(m2, taskNamed(m2, QStringLiteral("waiter")), -1);
        QCOMPARE(waiter.end, TaskEnd::Failed);
        QCOMPARE(waiter.result, QStringLiteral("ValueError: bad"));
        QVERIFY(historyHas(waiter, QStringLiteral("waiting (event)"), QStringLiteral("Event 'go'")));
        QVERIFY(historyHas(waiter, QStringLiteral("ready"), QStringLiteral("Event 'go'")));
        // Before it existed.
        const TaskSnapshot before = snapshotTask(m2, taskNamed(m2, QStringLiteral("main")), -5);
        QVERIFY(before.exists);  // negative time means "at the end"
    }

    void theLineComesFromTheTrace()
    {
        aio::Recorder rec;
        sim::gather543(rec);
        TimelineModel m(rec);
        m.update();
        QCOMPARE(snapshotTask(m, taskNamed(m, QStringLiteral("work-3")), kSec).line, 2);
        QCOMPARE(snapshotTask(m, taskNamed(m, QStringLiteral("main")), kSec).line, 5);
    }

    void theWidgetFollowsThePlayhead()
    {
        aio::Recorder rec;
        sim::semaphore12(rec);
        TimelineModel m(rec);
        m.update();
        TaskInspector w;
        w.resize(320, 480);
        w.setModel(&m);
        const aio::ObjectId f3 = taskNamed(m, QStringLiteral("fetch-3"));
        w.setTask(f3);
        w.setTime(kSec / 2);
        QCOMPARE(w.snapshot().state, QStringLiteral("waiting (semaphore)"));
        const int early = w.historyRows();
        QVERIFY(early >= 2);
        QVERIFY(w.historyRowText(0).contains(QStringLiteral("created")));
        w.setTime(-1);
        QCOMPARE(w.snapshot().state, QStringLiteral("done"));
        QVERIFY(w.historyRows() > early);
        QVERIFY(w.historyRowText(w.historyRows() - 1).contains(QStringLiteral("done")));
        // Scrubbing back shrinks it again.
        w.setTime(kSec / 2);
        QCOMPARE(w.historyRows(), early);
    }

    void clickingTheCreatorAsksToSelectIt()
    {
        aio::Recorder rec;
        sim::gather543(rec);
        TimelineModel m(rec);
        m.update();
        TaskInspector w;
        w.setModel(&m);
        w.setTask(taskNamed(m, QStringLiteral("work-5")));
        QSignalSpy spy(&w, &TaskInspector::taskRequested);
        // The creator field is a link "task:<id>"; activating it is what a click does.
        QLabel* creator = nullptr;
        for (QLabel* l : w.findChildren<QLabel*>())
            if (l->text().contains(QStringLiteral("href=\"task:")))
                creator = l;
        QVERIFY(creator);
        emit creator->linkActivated(QStringLiteral("task:%1").arg(taskNamed(m, QStringLiteral("main"))));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().first().toUInt(), taskNamed(m, QStringLiteral("main")));
    }

    void theStateColourIsTheLanesColour()
    {
        aio::Recorder rec;
        sim::semaphore12(rec);
        TimelineModel m(rec);
        m.update();
        const TimelineTheme th = TimelineTheme::light();
        const TimelineTask* f5 = m.task(taskNamed(m, QStringLiteral("fetch-5")));
        QCOMPARE(taskColorAt(m, th, *f5, kSec / 2), th.waitColor(aio::WaitKind::semaphore));
        QCOMPARE(taskColorAt(m, th, *f5, m.endTime()), th.done);
    }
};

QTEST_MAIN(TestTaskInspector)
#include "test_task_inspector.moc"
