// TimelinePainter: what is drawn where. Renders recorded traces to images and samples
// pixels at known lane/time positions; also SVG and PDF targets, hit testing, collapse.
#include <ui/timeline_painter.hpp>

#include "ui/trace_sim.hpp"

#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QSvgRenderer>
#include <QtTest>

#include <functional>
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

QImage render(TimelinePainter& p, QSize size = QSize(1000, 420))
{
    QImage img(size, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    p.setSize(size);
    QPainter qp(&img);
    p.paint(qp);
    return img;
}

// Colours found in a small box around (x, y).
std::set<QRgb> colorsAround(const QImage& img, qreal x, qreal y, int rx = 4, int ry = 3)
{
    std::set<QRgb> out;
    for (int dy = -ry; dy <= ry; ++dy)
        for (int dx = -rx; dx <= rx; ++dx)
            out.insert(img.pixel(int(x) + dx, int(y) + dy) | 0xff000000u);
    return out;
}

bool has(const std::set<QRgb>& s, const QColor& c)
{
    return s.count(c.rgb()) != 0;
}

// A waiting segment of `kind` shows its pale fill with its hatch lines, and nothing else.
bool showsWait(const TimelinePainter& p, const QImage& img, aio::ObjectId task, qint64 t, aio::WaitKind kind)
{
    const QRectF lane = p.laneRect(task);
    const auto cs = colorsAround(img, p.xForTime(t), lane.center().y());
    const TimelineTheme& th = p.theme();
    return cs.size() == 2 && has(cs, th.waitColor(kind)) && has(cs, th.waitFillColor(kind));
}

// Nothing drawn: only the lane background.
bool showsNothing(const TimelinePainter& p, const QImage& img, aio::ObjectId task, qint64 t)
{
    const QRectF lane = p.laneRect(task);
    const auto cs = colorsAround(img, p.xForTime(t), lane.center().y(), 3, 2);
    const TimelineTheme& th = p.theme();
    for (QRgb c : cs)
        if (c != th.background.rgb() && c != th.laneAlternate.rgb() && c != th.grid.rgb() && c != th.selection.rgb())
            return false;
    return true;
}

struct Scenario {
    aio::Recorder rec;
    TimelineModel model{rec};
    explicit Scenario(void (*build)(aio::Recorder&))
    {
        build(rec);
        model.update();
    }
};

}  // namespace

class TestTimelinePainter : public QObject {
    Q_OBJECT
private slots:
    void gatherLanesShowSleepsOfFiveThreeAndFourSeconds_data()
    {
        QTest::addColumn<QString>("theme");
        QTest::newRow("light") << QStringLiteral("light");
        QTest::newRow("dark") << QStringLiteral("dark");
    }
    void gatherLanesShowSleepsOfFiveThreeAndFourSeconds()
    {
        QFETCH(QString, theme);
        Scenario s(sim::gather543);
        TimelinePainter p(s.model);
        p.setTheme(TimelineTheme::byName(theme));
        p.setSize(QSize(1000, 420));
        p.fitToRun();
        const QImage img = render(p);
        const TimelineModel& m = s.model;
        const aio::ObjectId w5 = taskId(m, QStringLiteral("work-5"));
        const aio::ObjectId w3 = taskId(m, QStringLiteral("work-3"));
        const aio::ObjectId w4 = taskId(m, QStringLiteral("work-4"));
        const aio::ObjectId main = taskId(m, QStringLiteral("main"));
        // Lanes in order: main, then its children nested below it.
        QVERIFY(p.laneRect(main).top() < p.laneRect(w5).top());
        QVERIFY(p.laneRect(w5).top() < p.laneRect(w3).top());
        QVERIFY(p.laneRect(w3).top() < p.laneRect(w4).top());
        for (qint64 t : {qint64(kSec / 2), qint64(2 * kSec), qint64(2.8 * kSec)}) {
            QVERIFY(showsWait(p, img, w5, t, aio::WaitKind::sleep));
            QVERIFY(showsWait(p, img, w3, t, aio::WaitKind::sleep));
            QVERIFY(showsWait(p, img, w4, t, aio::WaitKind::sleep));
            QVERIFY(showsWait(p, img, main, t, aio::WaitKind::gather));
        }
        // work-3 is done after 3 s, work-4 after 4 s; work-5 sleeps until 5 s.
        QVERIFY(showsNothing(p, img, w3, qint64(3.5 * kSec)));
        QVERIFY(showsWait(p, img, w4, qint64(3.5 * kSec), aio::WaitKind::sleep));
        QVERIFY(showsNothing(p, img, w4, qint64(4.5 * kSec)));
        QVERIFY(showsWait(p, img, w5, qint64(4.5 * kSec), aio::WaitKind::sleep));
        QVERIFY(showsWait(p, img, main, qint64(4.9 * kSec), aio::WaitKind::gather));
        // The done marker of work-3 sits at 3 s, in the "done" colour.
        const auto marker = colorsAround(img, p.xForTime(3 * kSec), p.laneRect(w3).center().y(), 3, 3);
        QVERIFY(has(marker, p.theme().done));
        // The zero-time steps at 0 s and at the wake-ups show as running ticks in the loop lane.
        const QRectF loop = p.loopLaneRect();
        QCOMPARE(QColor(img.pixel(int(p.xForTime(3 * kSec)), int(loop.center().y()))).rgb(), p.theme().running.rgb());
        QCOMPARE(QColor(img.pixel(int(p.xForTime(2 * kSec)), int(loop.center().y()))).rgb(), p.theme().loopIdle.rgb());
    }

    void hiDpiImagesAreCrispAtTwiceTheResolution()
    {
        Scenario s(sim::gather543);
        TimelinePainter p(s.model);
        p.setSize(QSize(1000, 300));
        p.fitToRun();
        QImage img(QSize(2000, 600), QImage::Format_ARGB32_Premultiplied);
        img.setDevicePixelRatio(2);
        {
            QPainter qp(&img);
            p.paint(qp);
        }
        img.setDevicePixelRatio(1);
        const aio::ObjectId w3 = taskId(s.model, QStringLiteral("work-3"));
        const QRectF lane = p.laneRect(w3);
        // Device pixels: the lane has exactly its two colours (no blended edges) ...
        const auto cs = colorsAround(img, 2 * p.xForTime(kSec), 2 * lane.center().y(), 8, 6);
        QCOMPARE(cs.size(), std::size_t(2));
        QVERIFY(has(cs, p.theme().waitColor(aio::WaitKind::sleep)));
        QVERIFY(has(cs, p.theme().waitFillColor(aio::WaitKind::sleep)));
        // ... and the segment's top edge falls on a device pixel row.
        const int x = int(2 * p.xForTime(qint64(1.3 * kSec)));  // away from grid lines
        int top = -1;
        for (int y = int(2 * lane.top()); y < int(2 * lane.center().y()); ++y)
            if (QColor(img.pixel(x, y)).rgb() != p.theme().background.rgb() && QColor(img.pixel(x, y)).rgb() != p.theme().laneAlternate.rgb()) {
                top = y;
                break;
            }
        QCOMPARE(top, int(2 * (lane.top() + 3)));
    }

    void semaphoreWaitersAndHoldersAreDrawn()
    {
        Scenario s(sim::semaphore12);
        TimelinePainter p(s.model);
        p.setSize(QSize(1200, 600));
        p.fitToRun();
        const QImage img = render(p, QSize(1200, 600));
        const TimelineModel& m = s.model;
        // fetch-11 queues for a permit first, then sleeps while holding one.
        const aio::ObjectId last = taskId(m, QStringLiteral("fetch-11"));
        const TimelineTask* t = m.task(last);
        qint64 waitEnd = 0;
        for (int i = 0; i < int(t->segments.size()); ++i)
            if (t->segments[std::size_t(i)].waitKind == aio::WaitKind::semaphore)
                waitEnd = m.segmentEnd(*t, i, m.endTime());
        QVERIFY(waitEnd > kSec);
        QVERIFY(showsWait(p, img, last, waitEnd / 2, aio::WaitKind::semaphore));
        QVERIFY(showsWait(p, img, last, waitEnd + kSec / 2, aio::WaitKind::sleep));
        // The resource lane is filled (3 of 3 permits) at 0.5 s.
        const QRectF res = p.resourceLaneRect(m.resources().front().id);
        QVERIFY(!res.isNull());
        QVERIFY(res.top() > p.laneRect(last).bottom());
        const auto cs = colorsAround(img, p.xForTime(kSec / 2), res.center().y(), 1, 1);
        QVERIFY(!has(cs, p.theme().background));
        // Waiters strip along the bottom while nine tasks queue.
        QCOMPARE(QColor(img.pixel(int(p.xForTime(kSec / 2)), int(res.bottom() - 3))).rgb(), p.theme().waiters.rgb());
    }

    void waitForTimeoutShowsTheInnerTaskCancelledAtTheDeadline()
    {
        Scenario s(sim::waitForTimeout);
        TimelinePainter p(s.model);
        p.setSize(QSize(1000, 300));
        p.fitToRun();
        const QImage img = render(p, QSize(1000, 300));
        const aio::ObjectId slow = taskId(s.model, QStringLiteral("slow"));
        const aio::ObjectId main = taskId(s.model, QStringLiteral("main"));
        QVERIFY(showsWait(p, img, slow, qint64(1.5 * kSec), aio::WaitKind::sleep));
        QVERIFY(showsWait(p, img, slow, qint64(2.4 * kSec), aio::WaitKind::sleep));
        QVERIFY(showsNothing(p, img, slow, qint64(2.8 * kSec)));
        QVERIFY(showsWait(p, img, main, qint64(1.5 * kSec), aio::WaitKind::wait));
        const auto marker = colorsAround(img, p.xForTime(qint64(2.5 * kSec)), p.laneRect(slow).center().y(), 2, 2);
        QVERIFY(has(marker, p.theme().timedOut));
        QVERIFY(!has(marker, p.theme().done));
        QVERIFY(p.toolTipAt(QPointF(p.xForTime(qint64(2.8 * kSec)), p.laneRect(slow).center().y())).contains(QLatin1String("timed out")));
    }

    void blockedLoopIsRedInTheLoopLaneAndInTheTask()
    {
        Scenario s(sim::producerConsumer);
        TimelinePainter p(s.model);
        p.setSize(QSize(1000, 400));
        p.fitToRun();
        const QImage img = render(p, QSize(1000, 400));
        const aio::TraceEvent& b = s.model.event(s.model.blockedEvents().front());
        const qint64 mid = b.time_ns + b.value / 2;
        const auto loop = colorsAround(img, p.xForTime(mid), p.loopLaneRect().center().y(), 3, 3);
        QVERIFY(has(loop, p.theme().blocked));
        QVERIFY(!has(loop, p.theme().loopIdle));
        const aio::ObjectId main = taskId(s.model, QStringLiteral("main"));
        const auto lane = colorsAround(img, p.xForTime(mid), p.laneRect(main).center().y(), 3, 3);
        QVERIFY(has(lane, p.theme().blocked));
        QVERIFY(has(lane, p.theme().blockedHatch));
        QVERIFY(p.toolTipAt(QPointF(p.xForTime(mid), p.loopLaneRect().center().y())).contains(QLatin1String("time.sleep(0.4)")));
    }

    void cutoffHidesWhatHasNotHappenedYet()
    {
        Scenario s(sim::gather543);
        TimelinePainter p(s.model);
        p.setSize(QSize(1000, 300));
        p.fitToRun();
        p.setCutoff(2 * kSec);
        p.setPlayhead(2 * kSec);
        const QImage img = render(p, QSize(1000, 300));
        const aio::ObjectId w3 = taskId(s.model, QStringLiteral("work-3"));
        QVERIFY(showsWait(p, img, w3, kSec, aio::WaitKind::sleep));
        const auto later = colorsAround(img, p.xForTime(qint64(2.5 * kSec)), p.laneRect(w3).center().y());
        QVERIFY(!has(later, p.theme().waitColor(aio::WaitKind::sleep)));
        // The playhead line is at 2 s.
        const int x = int(p.xForTime(2 * kSec));
        bool found = false;
        for (int dx = -1; dx <= 2; ++dx)
            found |= QColor(img.pixel(x + dx, 200)).rgb() == p.theme().playhead.rgb();
        QVERIFY(found);
    }

    void tinySegmentsAggregateIntoPixels()
    {
        // Switching every microsecond for 0.2 s: 600k segments a lane in 800 px.
        aio::Recorder rec;
        auto put = [&](qint64 t, aio::EventKind k, aio::ObjectId a, std::uint8_t sub = 0, std::string_view text = {}) {
            aio::TraceRecord r;
            r.time_ns = t;
            r.kind = k;
            r.a = a;
            r.sub = sub;
            r.value = sub;
            r.text = text;
            rec.record(r);
        };
        // Two tasks switching every microsecond, far more often than pixels: 'ticker' runs
        // 1 ns of each 1000 and sleeps the rest; 'busy' runs 990 ns of each 1000.
        put(0, aio::EventKind::task_created, 1, 0, "ticker");
        put(0, aio::EventKind::task_created, 2, 0, "busy");
        for (qint64 t = 0; t < 200'000'000; t += 1000) {
            put(t, aio::EventKind::task_resumed, 1);
            put(t + 1, aio::EventKind::task_suspended, 1, std::uint8_t(aio::WaitKind::sleep), "sleep(0.000001)");
            put(t + 1, aio::EventKind::task_resumed, 2);
            put(t + 991, aio::EventKind::task_suspended, 2, std::uint8_t(aio::WaitKind::sleep), "sleep(0.000001)");
            put(t + 999, aio::EventKind::task_ready, 1);
            put(t + 999, aio::EventKind::task_ready, 2);
        }
        TimelineModel m(rec);
        m.update();
        TimelinePainter p(m);
        p.setSize(QSize(1000, 200));
        p.fitToRun();
        const QImage img = render(p, QSize(1000, 200));
        // Each column shows the state that fills most of it: the ticker sleeps, 'busy' runs.
        const QColor sleepFill = p.theme().waitFillColor(aio::WaitKind::sleep);
        const QColor sleepLine = p.theme().waitColor(aio::WaitKind::sleep);
        int sleeping = 0, running = 0;
        const int x0 = int(p.xForTime(1'000'000)), x1 = int(p.xForTime(199'000'000));
        for (int x = x0; x < x1; ++x) {
            const QRgb c = img.pixel(x, int(p.laneRect(1).center().y()));
            sleeping += c == sleepFill.rgb() || c == sleepLine.rgb();
            running += QColor(img.pixel(x, int(p.laneRect(2).center().y()))).rgb() == p.theme().running.rgb();
        }
        QCOMPARE(sleeping, x1 - x0);
        QCOMPARE(running, x1 - x0);
    }

    void workersEventsCallbacksAndFailuresAreDrawn()
    {
        // main: to_thread(crunch) on worker slot 900 from 1 s to 3 s; a timer callback sets
        // Event 'go' at 2 s, waking 'waiter', which then fails.
        aio::Recorder rec;
        sim::threadAndEvent(rec);
        TimelineModel m(rec);
        m.update();
        TimelinePainter p(m);
        p.setSize(QSize(1000, 300));
        p.fitToRun();
        const QImage img = render(p, QSize(1000, 300));
        const TimelineTheme& th = p.theme();
        // The worker lane is busy from 1 s to 3 s.
        const QRectF worker = p.workerLaneRect(900);
        QVERIFY(!worker.isNull());
        const QColor thread = th.wait[int(WaitCategory::Thread)];
        QCOMPARE(QColor(img.pixel(int(p.xForTime(qint64(1.1 * kSec))), int(worker.center().y()))).rgb(), thread.rgb());
        QVERIFY(QColor(img.pixel(int(p.xForTime(qint64(0.5 * kSec))), int(worker.center().y()))).rgb() != thread.rgb());
        QVERIFY(showsWait(p, img, 1, 2 * kSec, aio::WaitKind::thread));
        QVERIFY(showsWait(p, img, 2, kSec, aio::WaitKind::event));
        // The event lane is empty until 2 s, full after.
        const QRectF flag = p.resourceLaneRect(50);
        const int y = int(flag.center().y());
        auto empty = [&](qint64 t) {
            const QRgb c = QColor(img.pixel(int(p.xForTime(t)), y)).rgb();
            return c == th.background.rgb() || c == th.laneAlternate.rgb();
        };
        QVERIFY(empty(qint64(0.5 * kSec)));
        QVERIFY(empty(qint64(1.7 * kSec)));
        QVERIFY(!empty(qint64(2.6 * kSec)));
        // The callback holds the loop from 2 s to 2.25 s.
        const QRectF loop = p.loopLaneRect();
        QCOMPARE(QColor(img.pixel(int(p.xForTime(qint64(2.1 * kSec))), int(loop.center().y()))).rgb(), th.callback.rgb());
        // waiter failed: the failure marker sits at 2.25 s.
        const auto marker = colorsAround(img, p.xForTime(qint64(2.25 * kSec)), p.laneRect(2).center().y(), 3, 3);
        QVERIFY(has(marker, th.failed));
        QCOMPARE(m.endKind(*m.task(2)), TaskEnd::Failed);
        const QString tip = p.toolTipAt(QPointF(p.xForTime(qint64(2.6 * kSec)), p.laneRect(2).center().y()));
        QVERIFY2(tip.contains(QLatin1String("failed")) && tip.contains(QLatin1String("ValueError: bad")), qPrintable(tip));
        QVERIFY(p.toolTipAt(QPointF(p.xForTime(qint64(1.5 * kSec)), worker.center().y())).contains(QLatin1String("crunch()")));
        QVERIFY(p.toolTipAt(QPointF(p.xForTime(qint64(2.5 * kSec)), flag.center().y())).contains(QLatin1String("set")));
        // The never-retrieved exception is flagged in the loop lane at 3 s.
        QVERIFY(has(colorsAround(img, p.xForTime(3 * kSec), loop.center().y() + 3, 2, 1), th.failed));
        QVERIFY(p.toolTipAt(QPointF(p.xForTime(3 * kSec), loop.center().y())).contains(QLatin1String("never retrieved")));
    }

    void garbageTracesNeverCrashOrHang()
    {
        // Traces loaded from files may be foreign or corrupt: any kinds, ids and times.
        std::uint64_t seed = 12345;
        auto next = [&] {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            return std::uint32_t(seed >> 33);
        };
        for (int round = 0; round < 20; ++round) {
            aio::Recorder rec;
            qint64 t = 0;
            for (int i = 0; i < 3000; ++i) {
                t += qint64(next() % 1000) * 1000 - (next() % 50 == 0 ? 2'000'000 : 0);
                aio::TraceEvent e{};
                e.time_ns = t;
                e.kind = aio::EventKind(next() % 26);
                e.sub = std::uint8_t(next() % 20);
                e.a = next() % 12;
                e.b = next() % 12;
                e.value = std::int64_t(next() % 7) - 2;
                e.text = rec.intern(next() % 2 ? "x" : "");
                rec.append(e);
            }
            TimelineModel m(rec);
            m.update();
            TimelinePainter p(m);
            p.setSize(QSize(500, 300));
            p.fitToRun();
            render(p, QSize(500, 300));
            p.setTimeRange(m.endTime() / 3, m.endTime() / 3 + 1000);
            p.setCutoff(m.endTime() / 2);
            p.setCollapsed(1, true);
            render(p, QSize(500, 300));
            for (int y = 0; y < 300; y += 7)
                p.toolTipAt(QPointF(next() % 500, y));
            QCOMPARE(m.eventCount(), rec.size());  // and getting here at all: no crash, no endless loop
        }
    }

    void geometryRoundTripsAndHitTests()
    {
        Scenario s(sim::gather543);
        TimelinePainter p(s.model);
        p.setSize(QSize(1000, 400));
        p.setTimeRange(0, 10 * kSec);
        QCOMPARE(p.xForTime(0), p.gutterWidth());
        QCOMPARE(p.xForTime(10 * kSec), 1000.0);
        QCOMPARE(p.timeForX(p.xForTime(3 * kSec)), 3 * kSec);
        const aio::ObjectId w4 = taskId(s.model, QStringLiteral("work-4"));
        const QRectF lane = p.laneRect(w4);
        const TimelineHit hit = p.hitTest(QPointF(p.xForTime(2 * kSec), lane.center().y()));
        QCOMPARE(hit.kind, TimelineHit::Kind::Task);
        QCOMPARE(hit.id, w4);
        const QString tip = p.toolTipAt(QPointF(p.xForTime(2 * kSec), lane.center().y()));
        QVERIFY2(tip.contains(QLatin1String("work-4")) && tip.contains(QLatin1String("sleep(4)")) && tip.contains(QLatin1String("since 0")), qPrintable(tip));
        QCOMPARE(p.hitTest(QPointF(500, 5)).kind, TimelineHit::Kind::Axis);
        QCOMPARE(p.hitTest(QPointF(500, p.loopLaneRect().center().y())).kind, TimelineHit::Kind::Loop);
        // Scrolling moves lanes up by the same amount.
        p.setScrollY(15);
        QCOMPARE(p.laneRect(w4).top(), lane.top() - 15);
    }

    void collapsingATaskHidesItsChildren()
    {
        Scenario s(sim::gather543);
        TimelinePainter p(s.model);
        p.setSize(QSize(1000, 400));
        const aio::ObjectId main = taskId(s.model, QStringLiteral("main"));
        const aio::ObjectId w3 = taskId(s.model, QStringLiteral("work-3"));
        const qreal full = p.contentHeight();
        QVERIFY(!p.laneRect(w3).isNull());
        const QRectF toggle = p.toggleRect(main);
        QCOMPARE(p.hitTest(toggle.center()).kind, TimelineHit::Kind::TaskToggle);
        p.setCollapsed(main, true);
        QVERIFY(p.laneRect(w3).isNull());
        QCOMPARE(p.contentHeight(), full - 3 * TimelinePainter::kTaskHeight);
        p.setCollapsed(main, false);
        QCOMPARE(p.contentHeight(), full);
    }

    void paintsOntoSvgAndPdf()
    {
        Scenario s(sim::semaphore12);
        TimelinePainter p(s.model);
        p.setSize(QSize(900, 500));
        p.fitToRun();
        QBuffer svg;
        svg.open(QIODevice::WriteOnly);
        {
            QSvgGenerator gen;
            gen.setOutputDevice(&svg);
            gen.setSize(QSize(900, 500));
            gen.setViewBox(QRect(0, 0, 900, 500));
            QPainter qp(&gen);
            p.paint(qp);
        }
        const QByteArray svgText = svg.data();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains("fetch-11"));
        QBuffer pdf;
        pdf.open(QIODevice::WriteOnly);
        {
            QPdfWriter w(&pdf);
            w.setPageSize(QPageSize(QSizeF(900, 500), QPageSize::Point));
            w.setResolution(72);
            w.setPageMargins(QMarginsF(0, 0, 0, 0));
            QPainter qp(&w);
            p.paint(qp);
        }
        QVERIFY(pdf.data().startsWith("%PDF"));
        QVERIFY(pdf.data().size() > 2000);
    }

    void legendShowsEveryState()
    {
        Scenario s(sim::gather543);
        TimelinePainter p(s.model);
        const QSizeF size = p.legendSize(800);
        QVERIFY(size.height() > 20);
        QImage img(size.toSize(), QImage::Format_ARGB32_Premultiplied);
        QPainter qp(&img);
        p.paintLegend(qp, QRectF(QPointF(0, 0), size));
        qp.end();
        std::set<QRgb> all;
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x)
                all.insert(img.pixel(x, y) | 0xff000000u);
        const TimelineTheme& th = p.theme();
        QVERIFY(has(all, th.running));
        QVERIFY(has(all, th.blocked));
        QVERIFY(has(all, th.ready));
        for (int c = 0; c < kWaitCategoryCount - 1; ++c)
            QVERIFY(has(all, th.wait[c]));
    }

    // With LOOPSCOPE_UI_SHOTS=dir, saves the scenarios as PNGs in both themes, to look at.
    void saveScreenshots()
    {
        const QString dir = qEnvironmentVariable("LOOPSCOPE_UI_SHOTS");
        if (dir.isEmpty())
            QSKIP("set LOOPSCOPE_UI_SHOTS=dir to save screenshots");
        QDir().mkpath(dir);
        const std::pair<const char*, void (*)(aio::Recorder&)> scenarios[] = {
            {"gather", sim::gather543}, {"semaphore12", sim::semaphore12},
            {"wait_for_timeout", sim::waitForTimeout}, {"producer_consumer", sim::producerConsumer},
            {"thread_and_event", sim::threadAndEvent}, {"semaphore12_realtime", sim::semaphore12Realtime},
            {"lock_contention", sim::lockContention}};
        for (const auto& [name, build] : scenarios) {
            for (const char* theme : {"light", "dark"}) {
                Scenario s(build);
                TimelinePainter p(s.model);
                p.setTheme(TimelineTheme::byName(QString::fromLatin1(theme)));
                const qreal w = 1200;
                p.setSize(QSizeF(w, 10));
                const qreal h = p.fullHeight();
                const QSizeF legend = p.legendSize(w);
                p.setSize(QSizeF(w, h));
                p.fitToRun();
                QImage img(QSize(int(w) * 2, int(h + legend.height()) * 2), QImage::Format_ARGB32_Premultiplied);
                img.setDevicePixelRatio(2);
                QPainter qp(&img);
                p.paint(qp);
                p.paintLegend(qp, QRectF(0, h, w, legend.height()));
                qp.end();
                QVERIFY(img.save(QStringLiteral("%1/%2-%3.png").arg(dir, QLatin1String(name), QLatin1String(theme))));
                if (std::string_view(name) == "semaphore12") {
                    QSvgGenerator gen;
                    gen.setFileName(QStringLiteral("%1/%2-%3.svg").arg(dir, QLatin1String(name), QLatin1String(theme)));
                    gen.setSize(QSize(int(w), int(h)));
                    gen.setViewBox(QRectF(0, 0, w, h));
                    {
                        QPainter sp(&gen);
                        p.paint(sp);
                    }
                    // Read the SVG back, to see what an SVG viewer shows.
                    QSvgRenderer svg(gen.fileName());
                    QVERIFY(svg.isValid());
                    QImage back(QSize(int(w), int(h)), QImage::Format_ARGB32_Premultiplied);
                    back.fill(Qt::white);
                    QPainter bp(&back);
                    svg.render(&bp);
                    bp.end();
                    QVERIFY(back.save(QStringLiteral("%1/%2-%3-from-svg.png").arg(dir, QLatin1String(name), QLatin1String(theme))));
                }
            }
        }
    }
};

QTEST_MAIN(TestTimelinePainter)
#include "test_timeline_painter.moc"
