// TimelineWidget driven from recorded traces: playhead, follow, zoom, pan, selection,
// collapsing, tooltips, and scrubbing back with the playback bar.
#include <ui/playback_bar.hpp>
#include <ui/timeline_widget.hpp>

#include "ui/trace_sim.hpp"

#include <QScrollBar>
#include <QSlider>
#include <QSignalSpy>
#include <QtTest>

#include <set>

using sim::kSec;

namespace {

aio::ObjectId taskId(const TimelineModel& m, const QString& name)
{
    for (const TimelineTask& t : m.tasks())
        if (m.taskName(t.id) == name)
            return t.id;
    return 0;
}

struct Fixture {
    aio::Recorder rec;
    TimelineModel model{rec};
    TimelineWidget widget;
    explicit Fixture(void (*build)(aio::Recorder&))
    {
        build(rec);
        widget.resize(1000, 400);
        widget.setModel(&model);
        widget.refresh();
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
    }
    // The viewport as drawn on screen.
    QImage grab()
    {
        return widget.viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
    }
    const TimelinePainter& painter() const { return *widget.timelinePainter(); }
};

// x of the playhead line in `img` on row y, or -1.
int playheadX(const QImage& img, int y, const QColor& c)
{
    for (int x = 0; x < img.width(); ++x)
        if (QColor(img.pixel(x, y)).rgb() == c.rgb())
            return x;
    return -1;
}

}  // namespace

class TestTimelineWidget : public QObject {
    Q_OBJECT
private slots:
    void playheadMovesBetweenTwoMoments()
    {
        Fixture f(sim::gather543);
        const int y = int(f.painter().headerHeight()) + 30;
        f.widget.setPlayhead(1 * kSec);
        const QImage first = f.grab();
        f.widget.setPlayhead(3 * kSec);
        const QImage second = f.grab();
        const int x1 = playheadX(first, y, f.widget.theme().playhead);
        const int x2 = playheadX(second, y, f.widget.theme().playhead);
        QVERIFY(x1 > 0);
        QVERIFY(x2 > x1);
        QVERIFY(std::abs((x2 - x1) - (f.painter().xForTime(3 * kSec) - f.painter().xForTime(kSec))) <= 2);
    }

    void scrubbingBackShowsOnlyThePast()
    {
        Fixture f(sim::gather543);
        PlaybackBar bar;
        bar.setDuration(f.model.endTime());
        QObject::connect(&bar, &PlaybackBar::seekRequested, &f.widget, &TimelineWidget::setPlayhead);
        const aio::ObjectId w4 = taskId(f.model, QStringLiteral("work-4"));
        const QColor sleep = f.widget.theme().waitColor(aio::WaitKind::sleep);
        auto sleepingAt = [&](const QImage& img, qint64 t) {
            const QRectF lane = f.painter().laneRect(w4);
            std::set<QRgb> cs;
            for (int dx = -4; dx <= 4; ++dx)
                for (int dy = -3; dy <= 3; ++dy)
                    cs.insert(img.pixel(int(f.painter().xForTime(t)) + dx, int(lane.center().y()) + dy));
            return cs.count(sleep.rgb()) != 0;
        };
        bar.findChild<QSlider*>()->setValue(80000);  // 4 s of 5
        QCOMPARE(f.widget.playhead(), 4 * kSec);
        QVERIFY(sleepingAt(f.grab(), qint64(3.5 * kSec)));
        bar.findChild<QSlider*>()->setValue(40000);  // back to 2 s
        QCOMPARE(f.widget.playhead(), 2 * kSec);
        const QImage past = f.grab();
        QVERIFY(sleepingAt(past, qint64(1.5 * kSec)));
        QVERIFY(!sleepingAt(past, qint64(3.5 * kSec)));
    }

    void followKeepsThePlayheadInView()
    {
        Fixture f(sim::semaphore12);
        f.widget.setVisibleRange(0, kSec);
        f.widget.setFollow(true);
        f.widget.setPlayhead(5 * kSec);
        QVERIFY(f.widget.visibleFrom() <= 5 * kSec && 5 * kSec <= f.widget.visibleTo());
        QCOMPARE(f.widget.visibleTo() - f.widget.visibleFrom(), kSec);
        // Zooming by hand stops following.
        f.widget.zoomBy(2, 500);
        QVERIFY(!f.widget.follow());
        const qint64 from = f.widget.visibleFrom();
        f.widget.setPlayhead(6 * kSec + kSec / 2);
        QCOMPARE(f.widget.visibleFrom(), from);
        // F follows again, and the view catches up with the playhead.
        QTest::keyClick(&f.widget, Qt::Key_F);
        QVERIFY(f.widget.follow());
        QVERIFY(f.widget.visibleFrom() <= 6 * kSec + kSec / 2 && 6 * kSec + kSec / 2 <= f.widget.visibleTo());
    }

    void ctrlWheelZoomsAroundTheMouse()
    {
        Fixture f(sim::gather543);
        f.widget.setVisibleRange(0, 10 * kSec);
        const QPointF pos(f.painter().xForTime(4 * kSec), 200);
        QWheelEvent wheel(pos, f.widget.viewport()->mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(f.widget.viewport(), &wheel);
        const qint64 span = f.widget.visibleTo() - f.widget.visibleFrom();
        QCOMPARE(span, qint64(10 * kSec / 1.25));
        QVERIFY(std::llabs(f.painter().timeForX(pos.x()) - 4 * kSec) < kSec / 100);
        // +/- keys zoom too; 0 fits the run.
        QTest::keyClick(&f.widget, Qt::Key_Plus);
        QVERIFY(f.widget.visibleTo() - f.widget.visibleFrom() < span);
        QTest::keyClick(&f.widget, Qt::Key_Minus);
        QTest::keyClick(&f.widget, Qt::Key_Minus);
        QVERIFY(f.widget.visibleTo() - f.widget.visibleFrom() > span);
        QTest::keyClick(&f.widget, Qt::Key_0);
        QVERIFY(f.widget.visibleFrom() <= 0 && f.widget.visibleTo() >= 5 * kSec);
        QVERIFY(f.widget.visibleTo() < 7 * kSec);
    }

    void dragPansAndScrollBarsFollow()
    {
        Fixture f(sim::gather543);
        f.widget.setVisibleRange(0, 2 * kSec);
        const qint64 perPx = 2 * kSec / qint64(f.painter().plotRect().width());
        QTest::mousePress(f.widget.viewport(), Qt::LeftButton, {}, QPoint(600, 300));
        QTest::mouseMove(f.widget.viewport(), QPoint(500, 300));
        QTest::mouseRelease(f.widget.viewport(), Qt::LeftButton, {}, QPoint(500, 300));
        QVERIFY(std::llabs(f.widget.visibleFrom() - 100 * perPx) <= perPx);
        // The horizontal scroll bar pans as well.
        QScrollBar* h = f.widget.horizontalScrollBar();
        QVERIFY(h->maximum() > 0);
        const qint64 before = f.widget.visibleFrom();
        h->setValue(h->value() + h->pageStep());
        QVERIFY(std::llabs(f.widget.visibleFrom() - (before + 2 * kSec)) <= 2 * kSec / 50);
    }

    void verticalScrollingMovesLanesUnderTheFixedHeader()
    {
        Fixture f(sim::semaphore12);
        f.widget.resize(900, 220);
        QApplication::processEvents();
        QScrollBar* v = f.widget.verticalScrollBar();
        QVERIFY(v->maximum() > 0);
        const aio::ObjectId last = taskId(f.model, QStringLiteral("fetch-11"));
        const qreal before = f.painter().laneRect(last).top();
        v->setValue(60);
        QCOMPARE(f.painter().laneRect(last).top(), before - 60);
        // The axis and the loop lane stay where they were.
        QCOMPARE(f.painter().loopLaneRect().top(), TimelinePainter::kAxisHeight);
        const QImage img = f.grab();
        const int loopY = int(f.painter().loopLaneRect().center().y());
        QCOMPARE(QColor(img.pixel(int(f.painter().xForTime(kSec / 2)), loopY)).rgb(), f.widget.theme().loopIdle.rgb());
    }

    void clickSelectsATaskAndTheTriangleCollapses()
    {
        Fixture f(sim::gather543);
        QSignalSpy selected(&f.widget, &TimelineWidget::taskSelected);
        const aio::ObjectId w3 = taskId(f.model, QStringLiteral("work-3"));
        const aio::ObjectId main = taskId(f.model, QStringLiteral("main"));
        const QRectF lane = f.painter().laneRect(w3);
        QTest::mouseClick(f.widget.viewport(), Qt::LeftButton, {}, QPoint(500, int(lane.center().y())));
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.first().first().toUInt(), w3);
        QCOMPARE(f.widget.selectedTask(), w3);
        // The selected row is highlighted in the gutter.
        const QImage img = f.grab();
        QCOMPARE(QColor(img.pixel(f.painter().gutterWidth() - 5, int(lane.center().y()))).rgb(), f.widget.theme().selection.rgb());

        QTest::mouseClick(f.widget.viewport(), Qt::LeftButton, {}, f.painter().toggleRect(main).center().toPoint());
        QVERIFY(f.painter().laneRect(w3).isNull());
        QTest::mouseClick(f.widget.viewport(), Qt::LeftButton, {}, f.painter().toggleRect(main).center().toPoint());
        QVERIFY(!f.painter().laneRect(w3).isNull());
        QCOMPARE(selected.count(), 1);  // toggling is not selecting
    }

    void hoverSaysStateSinceWhenAndWhatItWaitsOn()
    {
        Fixture f(sim::semaphore12);
        const aio::ObjectId t = taskId(f.model, QStringLiteral("fetch-7"));
        const QRectF lane = f.painter().laneRect(t);
        const QString tip = f.widget.toolTipAt(QPoint(int(f.painter().xForTime(kSec / 2)), int(lane.center().y())));
        QVERIFY2(tip.contains(QLatin1String("fetch-7")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("waiting on Semaphore 'pool'")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("since 0")), qPrintable(tip));
        const QRectF res = f.painter().resourceLaneRect(f.model.resources().front().id);
        const QString rtip = f.widget.toolTipAt(QPoint(int(f.painter().xForTime(kSec / 2)), int(res.center().y())));
        QVERIFY2(rtip.contains(QLatin1String("3 of 3 permits")) && rtip.contains(QLatin1String("9 waiting")), qPrintable(rtip));
    }

    // With LOOPSCOPE_UI_SHOTS=dir, saves the widget mid-playback, to look at.
    void saveScreenshot()
    {
        const QString dir = qEnvironmentVariable("LOOPSCOPE_UI_SHOTS");
        if (dir.isEmpty())
            QSKIP("set LOOPSCOPE_UI_SHOTS=dir to save screenshots");
        Fixture f(sim::semaphore12);
        f.widget.resize(1100, 380);
        f.widget.setPlayhead(qint64(3.2 * kSec));
        f.widget.setSelectedTask(taskId(f.model, QStringLiteral("fetch-5")));
        QVERIFY(f.widget.grab().save(dir + QStringLiteral("/widget-semaphore12-playhead.png")));
    }

    void liveRecorderGrowsIntoTheWidget()
    {
        aio::Recorder full;
        sim::gather543(full);
        aio::Recorder live;
        TimelineModel model(live);
        TimelineWidget w;
        w.resize(800, 300);
        w.setModel(&model);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        std::size_t i = 0;
        for (; i < full.size() && full[i].time_ns == 0; ++i) {
            aio::TraceEvent e = full[i];
            e.text = live.intern(full.string(e.text));
            live.append(e);
        }
        w.refresh();
        QCOMPARE(model.tasks().size(), std::size_t(4));
        QVERIFY(!w.timelinePainter()->laneRect(taskId(model, QStringLiteral("work-4"))).isNull());
        for (; i < full.size(); ++i) {
            aio::TraceEvent e = full[i];
            e.text = live.intern(full.string(e.text));
            live.append(e);
        }
        w.refresh();
        QCOMPARE(model.endTime(), 5 * kSec);
        QVERIFY(w.visibleTo() >= 5 * kSec);  // still fitted to the run
    }
};

QTEST_MAIN(TestTimelineWidget)
#include "test_timeline_widget.moc"
