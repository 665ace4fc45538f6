// Exported pictures: a PNG of the requested size (and device pixel ratio) with the state
// colours where the window's painter puts them, an SVG with one element per visible
// segment, a one-page PDF; files written atomically, errors as messages.
#include <ui/timeline_export.hpp>

#include "trace_sim.hpp"

#include <engine/engine.hpp>

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <map>
#include <memory>

namespace {

constexpr qint64 kSec = 1'000'000'000;

struct Scenario {
    aio::Recorder rec;
    TimelineModel model{rec};
    explicit Scenario(void (*build)(aio::Recorder&))
    {
        build(rec);
        model.update();
    }
};

aio::ObjectId taskId(const TimelineModel& m, const QString& name)
{
    for (const TimelineTask& t : m.tasks())
        if (m.taskName(t.id) == name)
            return t.id;
    return 0;
}

// The colour of the page pixel at logical point (x, y).
QRgb pixelAt(const QImage& img, qreal x, qreal y)
{
    const qreal s = img.devicePixelRatio();
    return img.pixel(int(x * s), int(y * s)) | 0xff000000u;
}

bool inSet(QRgb c, std::initializer_list<QColor> colors)
{
    for (const QColor& k : colors)
        if ((k.rgb() | 0xff000000u) == c)
            return true;
    return false;
}

// Every segment at least 6 px wide shows its state's colour at its middle.
void checkSegmentColours(const TimelineExport& page, const TimelineModel& m, const QImage& img, const TimelineTheme& th, int minChecked)
{
    const TimelinePainter& p = page.painter();
    const QPointF origin = page.timelineRect().topLeft();
    int checked = 0;
    for (const TimelineTask& t : m.tasks()) {
        const QRectF lane = p.laneRect(t.id);
        if (lane.isNull())
            continue;
        for (int i = 0; i < int(t.segments.size()); ++i) {
            const qint64 a = m.segmentStart(t, i), b = m.segmentEnd(t, i, m.endTime());
            if (p.xForTime(b) - p.xForTime(a) < 6 || a < p.timeFrom() || b > p.timeTo())
                continue;
            // The end marker (a 5 px disc with a tick) sits on the lane at the finish time.
            if (t.finishEvent != kNoEvent && std::abs(p.xForTime(m.finishTime(t)) - p.xForTime(a + (b - a) / 2)) < 8)
                continue;
            const TimelineSegment& seg = t.segments[std::size_t(i)];
            const qreal x = origin.x() + p.xForTime(a + (b - a) / 2);
            const qreal y = origin.y() + lane.center().y();
            QRgb c = pixelAt(img, x, y);
            // A hatch line may cross the exact pixel: look one pixel to the side too.
            bool ok = false;
            for (int dx = -1; dx <= 1 && !ok; ++dx) {
                c = pixelAt(img, x + dx, y);
                switch (seg.state) {
                case TaskState::Running: ok = inSet(c, {th.running}); break;
                case TaskState::Ready: ok = inSet(c, {th.readyFill, th.ready}); break;
                case TaskState::Waiting: ok = inSet(c, {th.waitFillColor(seg.waitKind), th.waitColor(seg.waitKind)}); break;
                case TaskState::Blocked: ok = inSet(c, {th.blocked, th.blockedHatch, th.running}); break;
                }
            }
            QVERIFY2(ok, qPrintable(QStringLiteral("%1 segment %2 at %3: #%4").arg(m.taskName(t.id)).arg(i).arg(TimelinePainter::formatTime(a)).arg(c, 8, 16)));
            ++checked;
        }
    }
    QVERIFY(checked >= minChecked);
}

// Rects of an SVG by fill colour, in page coordinates.
std::map<QString, std::vector<QRectF>> svgRects(const QByteArray& svg, QString* error)
{
    std::map<QString, std::vector<QRectF>> out;
    QXmlStreamReader xml(svg);
    struct Group { QString fill; QPointF offset; };
    std::vector<Group> groups{{QString(), QPointF()}};
    static const QRegularExpression matrix(QStringLiteral("matrix\\(([^,]+),([^,]+),([^,]+),([^,]+),([^,]+),([^)]+)\\)"));
    while (!xml.atEnd()) {
        const auto tok = xml.readNext();
        if (tok == QXmlStreamReader::StartElement) {
            const auto attrs = xml.attributes();
            if (xml.name() == QLatin1String("g")) {
                Group g = groups.back();
                if (attrs.hasAttribute(QLatin1String("fill")))
                    g.fill = attrs.value(QLatin1String("fill")).toString();
                const auto m = matrix.match(attrs.value(QLatin1String("transform")).toString());
                if (m.hasMatch())
                    g.offset = QPointF(m.captured(5).toDouble(), m.captured(6).toDouble());
                groups.push_back(g);
            } else if (xml.name() == QLatin1String("rect")) {
                const QString fill = attrs.hasAttribute(QLatin1String("fill")) ? attrs.value(QLatin1String("fill")).toString() : groups.back().fill;
                out[fill].push_back(QRectF(attrs.value(QLatin1String("x")).toDouble(), attrs.value(QLatin1String("y")).toDouble(),
                                           attrs.value(QLatin1String("width")).toDouble(), attrs.value(QLatin1String("height")).toDouble())
                                        .translated(groups.back().offset));
            }
        } else if (tok == QXmlStreamReader::EndElement && xml.name() == QLatin1String("g")) {
            groups.pop_back();
        }
    }
    if (xml.hasError() && error)
        *error = xml.errorString();
    return out;
}

}  // namespace

class TestTimelineExport : public QObject {
    Q_OBJECT
private slots:
    void pngHasTheRequestedSizeAndTheStateColours()
    {
        Scenario s(sim::semaphore12Realtime);
        for (const char* theme : {"light", "dark"}) {
            TimelineExportOptions o;
            o.width = 1100;
            o.height = 520;
            o.theme = TimelineTheme::byName(QLatin1String(theme));
            o.title = QStringLiteral("semaphore12.py");
            const TimelineExport page(s.model, o);
            QString error;
            const QImage img = page.toImage(&error);
            QVERIFY2(!img.isNull(), qPrintable(error));
            QCOMPARE(img.size(), QSize(1100, 520));
            checkSegmentColours(page, s.model, img, o.theme, 30);
            // The loop lane: blue while fetch-0 holds the loop at the start.
            const QRectF loop = page.painter().loopLaneRect().translated(page.timelineRect().topLeft());
            QCOMPARE(pixelAt(img, page.timelineRect().left() + page.painter().xForTime(40'000'000), loop.center().y()), o.theme.running.rgb());
            // The title band, above the timeline.
            QCOMPARE(page.timelineRect().top(), page.titleRect().bottom());
            QCOMPARE(pixelAt(img, page.titleRect().right() - 3, page.titleRect().top() + 3), o.theme.headerBackground.rgb());
            // The PNG decodes to the same picture.
            const QImage back = QImage::fromData(page.toPng(&error), "PNG");
            QCOMPARE(back.size(), img.size());
            QCOMPARE(back.convertToFormat(QImage::Format_RGB32), img);
        }
    }

    void scaleGivesHiDpiPixelsForTheSameLayout()
    {
        Scenario s(sim::gather543);
        TimelineExportOptions o;
        o.width = 800;
        o.height = 300;
        o.scale = 2;
        const TimelineExport page(s.model, o);
        const QImage img = page.toImage();
        QCOMPARE(img.size(), QSize(1600, 600));
        QCOMPARE(img.devicePixelRatio(), 2.0);
        QCOMPARE(page.pageSize(), QSizeF(800, 300));
        checkSegmentColours(page, s.model, img, o.theme, 4);
        // work-3 sleeps until 3 s, then its lane is empty.
        const QRectF lane = page.painter().laneRect(taskId(s.model, QStringLiteral("work-3"))).translated(page.timelineRect().topLeft());
        const qreal x = page.timelineRect().left() + page.painter().xForTime(qint64(4.5 * kSec));
        QVERIFY(inSet(pixelAt(img, x, lane.center().y()), {o.theme.background, o.theme.laneAlternate}));
    }

    void fitToContentShowsEveryLaneTheTitleAndTheLegend()
    {
        Scenario s(sim::producerConsumer);
        TimelineExportOptions o;
        o.title = QStringLiteral("producer_consumer.py");
        const TimelineExport page(s.model, o);
        QCOMPARE(page.pageSize().width(), qreal(TimelineExport::kDefaultWidth));
        QCOMPARE(page.hiddenLanes(), 0);
        const TimelinePainter& p = page.painter();
        QCOMPARE(page.timelineRect().height(), p.fullHeight());
        QVERIFY(page.legendRect().top() >= page.timelineRect().bottom());
        QVERIFY(page.legendRect().bottom() <= page.pageSize().height());
        for (const TimelineTask& t : s.model.tasks())
            QVERIFY(p.laneRect(t.id).bottom() <= page.timelineRect().height());
        QVERIFY(!p.resourceLaneRect(s.model.resources().front().id).isNull());
        // The whole run is in view, the last task's end too.
        QVERIFY(p.timeFrom() <= s.model.startTime());
        QVERIFY(p.timeTo() > s.model.endTime());
        const QImage img = page.toImage();
        QCOMPARE(img.height(), qRound(page.pageSize().height()));
        // The legend's "running" swatch is where the legend is.
        bool swatch = false;
        for (int x = int(page.legendRect().left()); x < page.legendRect().left() + 60; ++x)
            swatch |= pixelAt(img, x, page.legendRect().top() + 14) == o.theme.running.rgb();
        QVERIFY(swatch);
        // No title: no band.
        o.title.clear();
        const TimelineExport bare(s.model, o);
        QCOMPARE(bare.titleRect().height(), 0.0);
        QCOMPARE(bare.timelineRect().top(), 0.0);
    }

    void aTimeRangeDrawsOnlyThatRange()
    {
        Scenario s(sim::gather543);
        TimelineExportOptions o;
        o.width = 1000;
        o.from = 1 * kSec;
        o.to = 2 * kSec;
        const TimelineExport page(s.model, o);
        QCOMPARE(page.painter().timeFrom(), 1 * kSec);
        QCOMPARE(page.painter().timeTo(), 2 * kSec);
        QCOMPARE(page.painter().xForTime(1 * kSec), page.painter().gutterWidth());
        QCOMPARE(page.painter().xForTime(2 * kSec), 1000.0);
        // Only --from: to the end of the run.
        o.to = -1;
        const TimelineExport tail(s.model, o);
        QCOMPARE(tail.painter().timeTo(), s.model.endTime());
        // All of 1..2 s is work-3 sleeping: the lane's middle is sleep-coloured all along.
        const QImage img = page.toImage();
        const QRectF lane = page.painter().laneRect(taskId(s.model, QStringLiteral("work-3")));
        for (qreal x = page.painter().gutterWidth() + 4; x < 996; x += 37)
            QVERIFY(inSet(pixelAt(img, x, lane.center().y()), {o.theme.waitFillColor(aio::WaitKind::sleep), o.theme.waitColor(aio::WaitKind::sleep)}));
    }

    void resourceLanesCanBeHidden()
    {
        Scenario s(sim::semaphore12);
        TimelineExportOptions o;
        const TimelineExport with(s.model, o);
        o.showResources = false;
        const TimelineExport without(s.model, o);
        const aio::ObjectId sem = s.model.resources().front().id;
        QVERIFY(!with.painter().resourceLaneRect(sem).isNull());
        QVERIFY(without.painter().resourceLaneRect(sem).isNull());
        QVERIFY(without.pageSize().height() < with.pageSize().height());
    }

    void aFixedHeightCutsLanesAndSaysSo()
    {
        Scenario s(sim::semaphore12);
        TimelineExportOptions o;
        o.width = 900;
        o.height = 200;
        const TimelineExport page(s.model, o);
        QCOMPARE(page.pageSize(), QSizeF(900, 200));
        QVERIFY(page.hiddenLanes() > 0);
        QCOMPARE(page.toImage().size(), QSize(900, 200));
        // A page taller than a PNG may be is cut, not refused.
        aio::Recorder rec;
        for (aio::ObjectId id = 1; id <= 2000; ++id) {
            aio::TraceRecord r;
            r.kind = aio::EventKind::task_created;
            r.a = id;
            r.b = id > 1 ? 1 : 0;
            r.time_ns = id;
            r.text = "t";
            rec.record(r);
        }
        TimelineModel m(rec);
        m.update();
        TimelineExportOptions big;
        big.scale = 2;
        const TimelineExport tall(m, big);
        QVERIFY(tall.pageSize().height() * 2 <= TimelineExport::kMaxImageSide);
        QVERIFY(tall.hiddenLanes() > 0);
        QVERIFY(tall.hiddenLanes() < 2000);
    }

    void svgHasOneElementPerVisibleSegment()
    {
        Scenario s(sim::semaphore12Realtime);
        TimelineExportOptions o;
        o.width = 1400;
        o.title = QStringLiteral("semaphore <12> & co");
        const TimelineExport page(s.model, o);
        QString error;
        const QByteArray svg = page.toSvg(&error);
        QVERIFY2(!svg.isEmpty(), qPrintable(error));
        const auto rects = svgRects(svg, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(svg.contains("viewBox=\"0 0 1400 "));
        QVERIFY(svg.contains("semaphore &lt;12&gt; &amp; co"));

        // Segment rects in task lanes, by colour.
        const TimelinePainter& p = page.painter();
        const TimelineTheme& th = o.theme;
        auto inTaskLanes = [&](const QString& colour) {
            int n = 0;
            const auto it = rects.find(colour);
            if (it == rects.end())
                return 0;
            for (const QRectF& r : it->second)
                for (const TimelineTask& t : s.model.tasks()) {
                    const QRectF lane = p.laneRect(t.id).translated(page.timelineRect().topLeft());
                    if (r.top() >= lane.top() && r.bottom() <= lane.bottom() && r.left() >= p.gutterWidth()) {
                        ++n;
                        break;
                    }
                }
            return n;
        };
        int running = 0, sleeping = 0, semaphore = 0, gathering = 0, ready = 0;
        for (const TimelineTask& t : s.model.tasks())
            for (int i = 0; i < int(t.segments.size()); ++i) {
                const TimelineSegment& seg = t.segments[std::size_t(i)];
                const bool lasts = s.model.segmentEnd(t, i, s.model.endTime()) > s.model.segmentStart(t, i);
                switch (seg.state) {
                case TaskState::Running: ++running; break;
                case TaskState::Ready: ready += lasts; break;
                case TaskState::Waiting:
                    sleeping += seg.waitKind == aio::WaitKind::sleep;
                    semaphore += seg.waitKind == aio::WaitKind::semaphore;
                    gathering += seg.waitKind == aio::WaitKind::gather;
                    break;
                case TaskState::Blocked: break;
                }
            }
        QVERIFY(running > 20 && sleeping == 12 && semaphore == 9 && gathering == 1);
        QCOMPARE(inTaskLanes(th.running.name()), running);
        QCOMPARE(inTaskLanes(th.waitFillColor(aio::WaitKind::sleep).name()), sleeping);
        QCOMPARE(inTaskLanes(th.waitFillColor(aio::WaitKind::semaphore).name()), semaphore);
        QCOMPARE(inTaskLanes(th.waitFillColor(aio::WaitKind::gather).name()), gathering);
        QCOMPARE(inTaskLanes(th.readyFill.name()) + inTaskLanes(th.ready.name()), ready);
        // Every task's name is text in the file.
        for (const TimelineTask& t : s.model.tasks())
            QVERIFY(svg.contains(">" + s.model.taskName(t.id).toUtf8() + "</text>"));
    }

    void pdfIsOnePage()
    {
        Scenario s(sim::threadAndEvent);
        TimelineExportOptions o;
        o.title = QStringLiteral("thread_and_event.py");
        const TimelineExport page(s.model, o);
        QString error;
        const QByteArray pdf = page.toPdf(&error);
        QVERIFY2(pdf.startsWith("%PDF-"), qPrintable(error));
        static const QRegularExpression pageObject(QStringLiteral("/Type\\s*/Page(?![s])"));
        QCOMPARE(QString::fromLatin1(pdf).count(pageObject), 1);
        // Thousands of lanes still make one page, scaled within the PDF page size limit.
        aio::Recorder rec;
        for (aio::ObjectId id = 1; id <= 1000; ++id) {
            aio::TraceRecord r;
            r.kind = aio::EventKind::task_created;
            r.a = id;
            r.text = "t";
            rec.record(r);
        }
        TimelineModel m(rec);
        m.update();
        const TimelineExport tall(m, TimelineExportOptions{});
        QVERIFY(tall.pageSize().height() > 14400);
        const QByteArray big = tall.toPdf(&error);
        QVERIFY2(big.startsWith("%PDF-"), qPrintable(error));
        QCOMPARE(QString::fromLatin1(big).count(pageObject), 1);
        static const QRegularExpression mediaBox(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]"));
        const auto box = mediaBox.match(QString::fromLatin1(big));
        QVERIFY(box.hasMatch());
        QVERIFY(box.captured(2).toDouble() <= 14400);
    }

    void savingIsAtomicAndErrorsAreMessages()
    {
        Scenario s(sim::gather543);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const TimelineExport page(s.model, TimelineExportOptions{});
        QString error;
        for (const char* name : {"a.png", "a.svg", "a.pdf", "UPPER.PNG"}) {
            const QString path = dir.filePath(QLatin1String(name));
            QVERIFY2(page.save(path, &error), qPrintable(error));
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY(f.size() > 1000);
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 4);  // no temporary files left

        // Unknown extension: a message, no file.
        QVERIFY(!page.save(dir.filePath(QStringLiteral("a.gif")), &error));
        QVERIFY2(error.contains(QLatin1String("'.gif'")), qPrintable(error));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("a.gif"))));

        // Unwritable place (a file where a directory should be): a message naming it.
        const QString blocked = dir.filePath(QStringLiteral("a.png/inside.png"));
        QVERIFY(!page.save(blocked, &error));
        QVERIFY2(error.contains(blocked), qPrintable(error));

        // A failed export leaves an existing file exactly as it was.
        const QString target = dir.filePath(QStringLiteral("keep.png"));
        {
            QFile f(target);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("precious");
        }
        TimelineExportOptions huge;
        huge.width = 30000;
        huge.height = 30000;
        huge.scale = 2;
        QVERIFY(!TimelineExport(s.model, huge).save(target, &error));
        QVERIFY2(error.contains(QLatin1String("too large")), qPrintable(error));
        QFile kept(target);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("precious"));
        kept.close();
        // And a successful one replaces it whole.
        QVERIFY(page.save(target, &error));
        QVERIFY(QImage(target).size() == page.toImage().size());

        // Where permissions are enforced (not as root), a read-only directory fails cleanly too.
        const QString ro = dir.filePath(QStringLiteral("ro"));
        QVERIFY(QDir().mkdir(ro));
        QFile::setPermissions(ro, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        QFile probe(ro + QStringLiteral("/probe"));
        if (probe.open(QIODevice::WriteOnly)) {
            probe.close();
            probe.remove();
        } else {
            QVERIFY(!page.save(ro + QStringLiteral("/x.png"), &error));
            QVERIFY2(error.contains(QLatin1String("cannot write")), qPrintable(error));
        }
        QFile::setPermissions(ro, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    void aRealEngineRunExports()
    {
        aio::EventLoop loop;
        aio::Recorder rec;
        loop.set_tracer(&rec);
        aio::Lock lock(loop, "db");
        auto writer = [&](int i) -> aio::Task<int> {
            co_await lock.acquire();
            co_await aio::sleep(1);
            lock.release();
            co_return i;
        };
        auto main = [&]() -> aio::Task<int> {
            auto a = loop.create_task(writer(1), "writer-1");
            auto b = loop.create_task(writer(2), "writer-2");
            co_return co_await a + co_await b;
        };
        QCOMPARE(loop.run_until_complete(main()), 3);
        TimelineModel m(rec);
        m.update();
        TimelineExportOptions o;
        o.width = 1000;
        o.title = QStringLiteral("lock.py");
        const TimelineExport page(m, o);
        const QImage img = page.toImage();
        QCOMPARE(img.width(), 1000);
        // writer-2 waits for the lock during the first second, then sleeps during the second.
        const QRectF lane = page.painter().laneRect(taskId(m, QStringLiteral("writer-2"))).translated(page.timelineRect().topLeft());
        const qreal x0 = page.timelineRect().left() + page.painter().xForTime(kSec / 2);
        const qreal x1 = page.timelineRect().left() + page.painter().xForTime(3 * kSec / 2);
        QVERIFY(inSet(pixelAt(img, x0, lane.center().y()), {o.theme.waitFillColor(aio::WaitKind::lock), o.theme.waitColor(aio::WaitKind::lock)})
                || inSet(pixelAt(img, x0 + 1, lane.center().y()), {o.theme.waitFillColor(aio::WaitKind::lock), o.theme.waitColor(aio::WaitKind::lock)}));
        QVERIFY(inSet(pixelAt(img, x1, lane.center().y()), {o.theme.waitFillColor(aio::WaitKind::sleep), o.theme.waitColor(aio::WaitKind::sleep)})
                || inSet(pixelAt(img, x1 + 1, lane.center().y()), {o.theme.waitFillColor(aio::WaitKind::sleep), o.theme.waitColor(aio::WaitKind::sleep)}));
        checkSegmentColours(page, m, img, o.theme, 4);
    }

    // With LOOPSCOPE_EXPORT_SHOTS=dir, saves example exports in both themes, to look at.
    void saveExamples()
    {
        const QString dir = qEnvironmentVariable("LOOPSCOPE_EXPORT_SHOTS");
        if (dir.isEmpty())
            QSKIP("set LOOPSCOPE_EXPORT_SHOTS=dir to save example exports");
        QDir().mkpath(dir);
        const std::pair<const char*, void (*)(aio::Recorder&)> scenarios[] = {
            {"gather", sim::gather543}, {"semaphore12_realtime", sim::semaphore12Realtime},
            {"producer_consumer", sim::producerConsumer}, {"thread_and_event", sim::threadAndEvent},
            {"wait_for_timeout", sim::waitForTimeout}};
        for (const auto& [name, build] : scenarios)
            for (const char* theme : {"light", "dark"}) {
                Scenario s(build);
                TimelineExportOptions o;
                o.width = 1200;
                o.scale = 2;
                o.theme = TimelineTheme::byName(QLatin1String(theme));
                o.title = QStringLiteral("%1.py").arg(QLatin1String(name));
                const TimelineExport page(s.model, o);
                QString error;
                const QString base = QStringLiteral("%1/%2-%3").arg(dir, QLatin1String(name), QLatin1String(theme));
                QVERIFY2(page.save(base + QStringLiteral(".png"), &error), qPrintable(error));
                if (std::string_view(name) == "producer_consumer") {
                    QVERIFY2(page.save(base + QStringLiteral(".svg"), &error), qPrintable(error));
                    QVERIFY2(page.save(base + QStringLiteral(".pdf"), &error), qPrintable(error));
                }
            }
    }
};

QTEST_MAIN(TestTimelineExport)
#include "test_timeline_export.moc"
