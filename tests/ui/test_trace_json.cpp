// The Chrome/Perfetto JSON trace: what Perfetto reads (slices in µs that nest per track,
// flows with both ends, numeric counters, a named track per task) and what Loopscope reads
// back (the same recorder, so the same timeline), and clear errors for broken files.
#include <ui/timeline_model.hpp>
#include <ui/trace_json_reader.hpp>
#include <ui/trace_json_writer.hpp>

#include "trace_sim.hpp"

#include <engine/engine.hpp>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <thread>
#include <map>
#include <set>

namespace {

constexpr qint64 kSec = 1'000'000'000;

using Build = void (*)(aio::Recorder&);

// A run on the real engine: a semaphore, sleeps, a cancellation, a failure, a print-free
// mix of everything the engine traces in an ordinary program.
void engineRun(aio::Recorder& rec)
{
    aio::EventLoop loop;
    loop.set_tracer(&rec);
    aio::Semaphore sem(loop, 2, "pool");
    auto worker = [&](int i) -> aio::Task<int> {
        co_await sem.acquire();
        co_await aio::sleep(0.5 + 0.25 * i);
        sem.release();
        if (i == 3)
            throw std::runtime_error("worker 3 broke");
        co_return i;
    };
    auto main = [&]() -> aio::Task<int> {
        std::vector<aio::TaskHandle<int>> tasks;
        for (int i = 0; i < 5; ++i)
            tasks.push_back(loop.create_task(worker(i), "worker-" + std::to_string(i)));
        auto victim = loop.create_task(aio::sleep(10.0, 0), "victim");
        loop.call_later(1, [victim]() mutable { victim.cancel("enough"); }, "stopper");
        int sum = 0;
        for (auto& t : tasks) {
            try {
                sum += co_await t;
            } catch (const std::exception&) {
            }
        }
        try {
            co_await victim;
        } catch (const aio::CancelledError&) {
        }
        co_return sum;
    };
    loop.run_until_complete(main());
}

const std::vector<std::pair<const char*, Build>>& scenarios()
{
    static const std::vector<std::pair<const char*, Build>> all = {
        {"gather543", sim::gather543},
        {"semaphore12", sim::semaphore12},
        {"semaphore12Realtime", sim::semaphore12Realtime},
        {"lockContention", sim::lockContention},
        {"waitForTimeout", sim::waitForTimeout},
        {"producerConsumer", sim::producerConsumer},
        {"threadAndEvent", sim::threadAndEvent},
        {"engineRun", engineRun},
    };
    return all;
}

// Two models describe the same run: lanes, segments, markers, spans, resources, workers.
QString modelDifference(const TimelineModel& a, const TimelineModel& b)
{
    if (a.eventCount() != b.eventCount())
        return QStringLiteral("event count %1 vs %2").arg(a.eventCount()).arg(b.eventCount());
    if (a.startTime() != b.startTime() || a.endTime() != b.endTime())
        return QStringLiteral("time range differs");
    for (std::uint32_t i = 0; i < a.eventCount(); ++i) {
        const aio::TraceEvent& x = a.event(i);
        const aio::TraceEvent& y = b.event(i);
        if (x.time_ns != y.time_ns || x.kind != y.kind || x.sub != y.sub || x.a != y.a || x.b != y.b || x.value != y.value
            || a.eventText(i) != b.eventText(i))
            return QStringLiteral("event %1 differs").arg(i);
    }
    if (a.tasks().size() != b.tasks().size())
        return QStringLiteral("task count differs");
    for (std::size_t i = 0; i < a.tasks().size(); ++i) {
        const TimelineTask& x = a.tasks()[i];
        const TimelineTask& y = b.tasks()[i];
        if (x.id != y.id || x.parent != y.parent || x.depth != y.depth || x.createdEvent != y.createdEvent
            || x.finishEvent != y.finishEvent || x.timeoutEvent != y.timeoutEvent || x.cancelEvent != y.cancelEvent
            || a.taskName(x.id) != b.taskName(y.id) || x.lineEvents != y.lineEvents || x.children != y.children
            || a.endKind(x) != b.endKind(y))
            return QStringLiteral("task %1 differs").arg(a.taskName(x.id));
        if (x.segments.size() != y.segments.size())
            return QStringLiteral("task %1: segment count differs").arg(a.taskName(x.id));
        for (std::size_t s = 0; s < x.segments.size(); ++s)
            if (x.segments[s].event != y.segments[s].event || x.segments[s].state != y.segments[s].state
                || x.segments[s].waitKind != y.segments[s].waitKind)
                return QStringLiteral("task %1: segment %2 differs").arg(a.taskName(x.id)).arg(s);
    }
    if (a.rootTasks() != b.rootTasks())
        return QStringLiteral("roots differ");
    if (a.loopSpans().size() != b.loopSpans().size())
        return QStringLiteral("loop span count differs");
    for (std::size_t i = 0; i < a.loopSpans().size(); ++i)
        if (a.loopSpans()[i].begin != b.loopSpans()[i].begin || a.loopSpans()[i].end != b.loopSpans()[i].end
            || a.loopSpans()[i].who != b.loopSpans()[i].who)
            return QStringLiteral("loop span %1 differs").arg(i);
    if (a.resources().size() != b.resources().size())
        return QStringLiteral("resource count differs");
    for (std::size_t i = 0; i < a.resources().size(); ++i) {
        const TimelineResource& x = a.resources()[i];
        const TimelineResource& y = b.resources()[i];
        if (x.id != y.id || x.kind != y.kind || x.creator != y.creator || x.capacity != y.capacity || x.maxLevel != y.maxLevel
            || a.resourceName(x.id) != b.resourceName(y.id) || x.stateEvents != y.stateEvents
            || x.waiterEvents != y.waiterEvents || x.holdEvents != y.holdEvents || x.contentEvents != y.contentEvents
            || x.notifyEvents != y.notifyEvents)
            return QStringLiteral("resource %1 differs").arg(a.resourceName(x.id));
    }
    if (a.workers().size() != b.workers().size())
        return QStringLiteral("worker count differs");
    for (std::size_t i = 0; i < a.workers().size(); ++i)
        if (a.workers()[i].slot != b.workers()[i].slot || a.workers()[i].events != b.workers()[i].events)
            return QStringLiteral("worker %1 differs").arg(i);
    if (a.blockedEvents() != b.blockedEvents() || a.wakeEvents() != b.wakeEvents() || a.printEvents() != b.printEvents()
        || a.problemEvents() != b.problemEvents())
        return QStringLiteral("markers differ");
    return QString();
}

QJsonArray traceEvents(const QByteArray& json)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError)
        qWarning("not JSON: %s at %d", qPrintable(err.errorString()), err.offset);
    return doc.object().value(QStringLiteral("traceEvents")).toArray();
}

struct Slice {
    double ts, dur;
    QString name;
};

std::map<int, std::vector<Slice>> slicesByTrack(const QJsonArray& events)
{
    std::map<int, std::vector<Slice>> out;
    for (const QJsonValue& v : events) {
        const QJsonObject e = v.toObject();
        if (e.value(QStringLiteral("ph")).toString() == QLatin1String("X"))
            out[e.value(QStringLiteral("tid")).toInt()].push_back(
                {e.value(QStringLiteral("ts")).toDouble(), e.value(QStringLiteral("dur")).toDouble(), e.value(QStringLiteral("name")).toString()});
    }
    return out;
}

std::map<int, QString> threadNames(const QJsonArray& events)
{
    std::map<int, QString> names;
    for (const QJsonValue& v : events) {
        const QJsonObject e = v.toObject();
        if (e.value(QStringLiteral("ph")).toString() == QLatin1String("M") && e.value(QStringLiteral("name")).toString() == QLatin1String("thread_name"))
            names[e.value(QStringLiteral("tid")).toInt()] = e.value(QStringLiteral("args")).toObject().value(QStringLiteral("name")).toString();
    }
    return names;
}

std::unique_ptr<aio::Recorder> roundTrip(const aio::Recorder& rec, QString* error)
{
    return readTraceJson(traceJson(rec), error);
}

// A minimal valid trace around `events` (text of the events array) with `strings`.
QByteArray handMade(const QByteArray& events, const QByteArray& strings = "[\"\",\"main\"]")
{
    return "{\"traceEvents\":[],\n\"loopscope\":{\"format\":\"loopscope-trace\",\"version\":1,\n\"strings\":" + strings
        + ",\n\"events\":[\n" + events + "\n]}}\n";
}

}  // namespace

class TestTraceJson : public QObject {
    Q_OBJECT
private slots:
    void everySliceHasMicrosecondTimesAndNestsPerTrack()
    {
        for (const auto& [name, build] : scenarios()) {
            aio::Recorder rec;
            build(rec);
            const QJsonArray events = traceEvents(traceJson(rec));
            QVERIFY2(!events.isEmpty(), name);
            for (const QJsonValue& v : events) {
                const QJsonObject e = v.toObject();
                const QString ph = e.value(QStringLiteral("ph")).toString();
                QVERIFY2(e.value(QStringLiteral("pid")).isDouble() && e.value(QStringLiteral("tid")).isDouble(), name);
                if (ph == QLatin1String("X")) {
                    QVERIFY2(e.value(QStringLiteral("ts")).isDouble(), name);
                    QVERIFY2(e.value(QStringLiteral("dur")).isDouble(), name);
                    QVERIFY2(e.value(QStringLiteral("dur")).toDouble() >= 0, name);
                    QVERIFY2(!e.value(QStringLiteral("name")).toString().isEmpty(), name);
                }
            }
            // On each track, slices are disjoint or contained: a proper stack.
            for (auto& [tid, slices] : slicesByTrack(events)) {
                std::stable_sort(slices.begin(), slices.end(), [](const Slice& a, const Slice& b) {
                    return a.ts != b.ts ? a.ts < b.ts : a.dur > b.dur;
                });
                std::vector<double> stack;  // end times
                for (const Slice& s : slices) {
                    while (!stack.empty() && stack.back() <= s.ts + 1e-9 && !(stack.back() >= s.ts + s.dur - 1e-9))
                        stack.pop_back();
                    if (!stack.empty())
                        QVERIFY2(s.ts + s.dur <= stack.back() + 1e-6,
                                 qPrintable(QStringLiteral("%1: tid %2: slice '%3' at %4 us overlaps its parent").arg(QLatin1String(name)).arg(tid).arg(s.name).arg(s.ts)));
                    stack.push_back(s.ts + s.dur);
                }
            }
        }
    }

    void slicesSayWhatEachTaskDidInMicroseconds()
    {
        aio::Recorder rec;
        sim::gather543(rec);
        const QJsonArray events = traceEvents(traceJson(rec));
        const auto names = threadNames(events);
        int w3 = -1;
        for (const auto& [tid, n] : names)
            if (n == QLatin1String("work-3"))
                w3 = tid;
        QVERIFY(w3 > 0);
        bool slept = false, lifetime = false;
        auto tracks = slicesByTrack(events);
        for (const Slice& s : tracks[w3]) {
            if (s.name == QLatin1String("sleep(3)")) {
                QCOMPARE(s.ts, 0.0);
                QCOMPARE(s.dur, 3e6);  // 3 s in µs
                slept = true;
            }
            if (s.name == QLatin1String("work-3")) {
                QCOMPARE(s.dur, 3e6);
                lifetime = true;
            }
        }
        QVERIFY(slept && lifetime);

        // Fractions of a microsecond survive: 80 ms steps on a real clock, and ns offsets.
        aio::Recorder fine;
        aio::TraceRecord r;
        r.kind = aio::EventKind::task_created;
        r.a = 1;
        r.text = "t";
        fine.record(r);
        r.kind = aio::EventKind::task_resumed;
        r.time_ns = 1234;
        r.text = {};
        fine.record(r);
        r.kind = aio::EventKind::task_finished;
        r.time_ns = 2'000'001;
        fine.record(r);
        bool found = false;
        auto fineTracks = slicesByTrack(traceEvents(traceJson(fine)));
        for (const Slice& s : fineTracks[2])
            if (s.name == QLatin1String("running")) {
                QCOMPARE(s.ts, 1.234);
                QCOMPARE(s.dur, 1998.767);
                found = true;
            }
        QVERIFY(found);
    }

    void eachTaskWorkerAndTheLoopHasANamedTrack()
    {
        for (const auto& [name, build] : scenarios()) {
            aio::Recorder rec;
            build(rec);
            TimelineModel m(rec);
            m.update();
            const auto names = threadNames(traceEvents(traceJson(rec)));
            std::multiset<QString> got, want;
            for (const auto& [tid, n] : names)
                got.insert(n);
            want.insert(QStringLiteral("event loop"));
            for (const TimelineTask& t : m.tasks())
                want.insert(m.taskName(t.id));
            for (const TimelineWorker& w : m.workers())
                want.insert(QStringLiteral("worker thread %1").arg(w.slot));
            QVERIFY2(got == want, name);
        }
    }

    void everyFlowHasBothEndsInsideSlices()
    {
        for (const auto& [name, build] : scenarios()) {
            aio::Recorder rec;
            build(rec);
            TimelineModel m(rec);
            m.update();
            const QJsonArray events = traceEvents(traceJson(rec));
            const auto slices = slicesByTrack(events);
            auto inSlice = [&](int tid, double ts) {
                const auto it = slices.find(tid);
                if (it == slices.end())
                    return false;
                for (const Slice& s : it->second)
                    if (s.ts <= ts && ts <= s.ts + s.dur)
                        return true;
                return false;
            };
            std::map<qint64, int> starts, finishes;
            for (const QJsonValue& v : events) {
                const QJsonObject e = v.toObject();
                const QString ph = e.value(QStringLiteral("ph")).toString();
                if (ph != QLatin1String("s") && ph != QLatin1String("f"))
                    continue;
                QCOMPARE(e.value(QStringLiteral("cat")).toString(), QStringLiteral("wakeup"));
                QVERIFY(e.value(QStringLiteral("id")).isDouble());
                QVERIFY2(inSlice(e.value(QStringLiteral("tid")).toInt(), e.value(QStringLiteral("ts")).toDouble()), name);
                (ph == QLatin1String("s") ? starts : finishes)[qint64(e.value(QStringLiteral("id")).toDouble())]++;
            }
            QCOMPARE(starts.size(), finishes.size());
            for (const auto& [id, n] : starts) {
                QCOMPARE(n, 1);
                QCOMPARE(finishes[id], 1);
            }
            // One flow per wake-up arrow the window draws (wake-ups of live tasks).
            QCOMPARE(starts.size(), m.wakeEvents().size());
        }
    }

    void countersAreNumbersThatFollowTheResource()
    {
        aio::Recorder rec;
        sim::semaphore12(rec);
        const QJsonArray events = traceEvents(traceJson(rec));
        double maxInUse = -1, maxWaiting = -1;
        int counters = 0;
        for (const QJsonValue& v : events) {
            const QJsonObject e = v.toObject();
            if (e.value(QStringLiteral("ph")).toString() != QLatin1String("C"))
                continue;
            ++counters;
            const QJsonObject args = e.value(QStringLiteral("args")).toObject();
            QVERIFY(!args.isEmpty());
            for (auto it = args.begin(); it != args.end(); ++it)
                QVERIFY2(it.value().isDouble(), qPrintable(it.key()));
            QCOMPARE(e.value(QStringLiteral("name")).toString(), QStringLiteral("Semaphore 'pool'"));
            maxInUse = std::max(maxInUse, args.value(QStringLiteral("permits in use")).toDouble());
            maxWaiting = std::max(maxWaiting, args.value(QStringLiteral("waiting")).toDouble());
        }
        QVERIFY(counters > 10);
        QCOMPARE(maxInUse, 3.0);    // Semaphore(3): never more than 3 held
        QCOMPARE(maxWaiting, 9.0);  // 12 workers, 3 get in, 9 queue at the start

        aio::Recorder q;
        sim::producerConsumer(q);
        double maxSize = -1;
        for (const QJsonValue& v : traceEvents(traceJson(q))) {
            const QJsonObject e = v.toObject();
            if (e.value(QStringLiteral("ph")).toString() == QLatin1String("C") && e.value(QStringLiteral("name")).toString() == QLatin1String("Queue 'jobs'"))
                maxSize = std::max(maxSize, e.value(QStringLiteral("args")).toObject().value(QStringLiteral("size")).toDouble());
        }
        QCOMPARE(maxSize, 2.0);  // Queue(maxsize=2)
    }

    void instantsMarkPrintsCancellationsTimeoutsAndExceptions()
    {
        auto instants = [](Build build) {
            aio::Recorder rec;
            build(rec);
            std::multiset<QString> names;
            for (const QJsonValue& v : traceEvents(traceJson(rec))) {
                const QJsonObject e = v.toObject();
                if (e.value(QStringLiteral("ph")).toString() != QLatin1String("i"))
                    continue;
                QString name = e.value(QStringLiteral("name")).toString();
                if (name == QLatin1String("print"))  // with what was printed
                    name += QLatin1Char(' ') + e.value(QStringLiteral("args")).toObject().value(QStringLiteral("line")).toString();
                names.insert(name);
            }
            return names;
        };
        QCOMPARE(instants(sim::gather543).count(QStringLiteral("print [5, 3, 4]")), std::size_t(1));
        const auto timeout = instants(sim::waitForTimeout);
        QCOMPARE(timeout.count(QStringLiteral("timeout")), std::size_t(1));
        QCOMPARE(timeout.count(QStringLiteral("cancel")), std::size_t(1));
        const auto failure = instants(sim::threadAndEvent);
        QCOMPARE(failure.count(QStringLiteral("exception")), std::size_t(1));
        QCOMPARE(failure.count(QStringLiteral("exception never retrieved")), std::size_t(1));
        const auto engine = instants(engineRun);
        QCOMPARE(engine.count(QStringLiteral("cancel")), std::size_t(1));
        QCOMPARE(engine.count(QStringLiteral("exception")), std::size_t(1));
    }

    void readingBackGivesTheSameTimeline()
    {
        for (const auto& [name, build] : scenarios()) {
            aio::Recorder rec;
            build(rec);
            QString error;
            TraceJsonInfo info;
            TraceJsonWriteOptions w;
            w.title = QStringLiteral("demo «%1»").arg(QLatin1String(name));
            const auto back = readTraceJson(traceJson(rec, w), &error, &info);
            QVERIFY2(back, qPrintable(error));
            QCOMPARE(info.title, w.title);
            QCOMPARE(info.version, kTraceJsonVersion);
            QCOMPARE(back->size(), rec.size());
            TimelineModel a(rec), b(*back);
            a.update();
            b.update();
            const QString diff = modelDifference(a, b);
            QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(name), diff)));
            // And again: a trace read back writes the same file.
            QCOMPARE(traceJson(*back, w), traceJson(rec, w));
        }
    }

    void awkwardTextsSurviveTheRoundTrip()
    {
        aio::Recorder rec;
        const std::string names[] = {"quote \" backslash \\ slash /", "line\nbreak\ttab\r", std::string("ctl\x01\x1f", 5),
                                     "naïve 日本語 😀", "", "{\"json\": [1, 2]}"};
        aio::ObjectId id = 1;
        for (const std::string& n : names) {
            aio::TraceRecord r;
            r.kind = aio::EventKind::task_created;
            r.a = id++;
            r.text = n;
            rec.record(r);
            r.kind = aio::EventKind::print;
            rec.record(r);
        }
        QString error;
        const auto back = roundTrip(rec, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->size(), rec.size());
        for (std::size_t i = 0; i < rec.size(); ++i)
            QCOMPARE(back->string((*back)[i].text), rec.string(rec[i].text));
        // Perfetto needs valid JSON: Qt's strict parser takes it too.
        QJsonParseError err{};
        QJsonDocument::fromJson(traceJson(rec), &err);
        QCOMPARE(err.error, QJsonParseError::NoError);
        // Bytes that are not UTF-8 become U+FFFD rather than breaking the file.
        aio::Recorder bad;
        aio::TraceRecord r;
        r.kind = aio::EventKind::task_created;
        r.a = 1;
        r.text = "bad \xff\xfe byte";
        bad.record(r);
        const auto fixed = roundTrip(bad, &error);
        QVERIFY2(fixed, qPrintable(error));
        QCOMPARE(fixed->string((*fixed)[0].text), std::string_view("bad \xEF\xBF\xBD\xEF\xBF\xBD byte"));
    }

    void emptyRecorderWritesAValidTrace()
    {
        aio::Recorder rec;
        QString error;
        const auto back = roundTrip(rec, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->size(), std::size_t(0));
        QJsonParseError err{};
        QJsonDocument::fromJson(traceJson(rec), &err);
        QCOMPARE(err.error, QJsonParseError::NoError);
    }

    void errorsNameTheLineAndColumn_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");  // regular expression
        QTest::newRow("empty") << QByteArray("  \n") << "^trace:2:1: the file is empty";
        QTest::newRow("not json") << QByteArray("hello") << "^trace:1:1: not a JSON trace";
        QTest::newRow("bare array") << QByteArray("[{\"ph\":\"X\"}]") << "^trace:1:1: not a Loopscope trace";
        QTest::newRow("foreign chrome trace")
            << QByteArray("{\"traceEvents\":[{\"ph\":\"X\",\"ts\":1,\"dur\":2,\"pid\":1,\"tid\":1,\"name\":\"a\"}]}")
            << "not a Loopscope trace: it has no \"loopscope\" section";
        QTest::newRow("truncated") << handMade("[0,\"task_created\",0,1,0,0,1]").left(80) << "unexpected end of file";
        QTest::newRow("unknown kind") << handMade("[0,\"task_created\",0,1,0,0,1],\n  [5,\"jump\",0,1,0,0,0]")
                                      << "^trace:6:6: event 1: unknown kind \"jump\"";
        QTest::newRow("time is a string") << handMade("[\"soon\",\"task_created\",0,1,0,0,1]") << "^trace:5:2: event 0: time_ns must be an integer";
        QTest::newRow("time has a fraction") << handMade("[1.5,\"task_created\",0,1,0,0,1]") << "event 0: time_ns must be an integer";
        QTest::newRow("huge time") << handMade("[99999999999999999999999,\"task_created\",0,1,0,0,1]") << "^trace:5:2: event 0: time_ns is out of range";
        QTest::newRow("huge exponent") << handMade("[1e400,\"task_created\",0,1,0,0,1]") << "event 0: time_ns must be an integer";
        QTest::newRow("negative id") << handMade("[0,\"task_created\",0,-1,0,0,1]") << "event 0: a -1 is out of range";
        QTest::newRow("id past 32 bits") << handMade("[0,\"task_created\",0,4294967296,0,0,1]") << "event 0: a 4294967296 is out of range";
        QTest::newRow("sub past a byte") << handMade("[0,\"task_created\",256,1,0,0,1]") << "event 0: sub 256 is out of range";
        QTest::newRow("kind number out of range") << handMade("[0,99,0,1,0,0,1]") << "event 0: kind 99 is out of range";
        QTest::newRow("text id out of range") << handMade("[0,\"task_created\",0,1,0,0,7]") << "^trace:5:27: event 0: text id 7 out of range \\(2 strings\\)";
        QTest::newRow("too few fields") << handMade("[0,\"task_created\",0,1]") << "event 0: too few fields";
        QTest::newRow("too many fields") << handMade("[0,\"task_created\",0,1,0,0,1,9]") << "event 0: too many fields";
        QTest::newRow("event not an array") << handMade("{\"t\":0}") << "event 0: expected an array";
        QTest::newRow("strings hold a number") << handMade("", "[\"\",5]") << "string 1 is not a string";
        QTest::newRow("newer version")
            << QByteArray("{\"loopscope\":{\"format\":\"loopscope-trace\",\"version\":9,\"strings\":[],\"events\":[]}}") << "newer Loopscope";
        QTest::newRow("wrong format") << QByteArray("{\"loopscope\":{\"format\":\"other\",\"strings\":[],\"events\":[]}}") << "unknown format \"other\"";
        QTest::newRow("no events") << QByteArray("{\"loopscope\":{\"format\":\"loopscope-trace\",\"strings\":[]}}") << "has no \"events\"";
        QTest::newRow("section not an object") << QByteArray("{\"loopscope\":[1,2]}") << "\"loopscope\" must be an object";
        QTest::newRow("trailing garbage") << handMade("") + "xyz" << "unexpected text after the end";
        QTest::newRow("bad escape") << QByteArray("{\"traceEvents\":[\"\\q\"]}") << "^trace:1:19: bad escape";
        QTest::newRow("raw newline in a string") << handMade("", "[\"\",\"x\ny\"]") << "^trace:3:17: control character inside a string";
        QTest::newRow("missing comma") << QByteArray("{\"a\":1 \"b\":2}") << "^trace:1:8: expected ',' or '}'";
        QTest::newRow("bad literal") << QByteArray("{\"a\":nul}") << "expected a value";
        QTest::newRow("deep nesting") << "{\"x\":" + QByteArray(100000, '[') << "nested more than 200 levels";
    }

    void errorsNameTheLineAndColumn()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QString error;
        const auto rec = readTraceJson(json, &error);
        QVERIFY(!rec);
        QVERIFY2(error.contains(QRegularExpression(expected)), qPrintable(error));
        QVERIFY2(error.contains(QRegularExpression(QStringLiteral("^trace:\\d+:\\d+: "))), qPrintable(error));
    }

    void aHandMadeTraceWithKeysInAnyOrderReads()
    {
        // Events before strings, extra keys, numeric kinds, whitespace: all fine.
        const QByteArray json = "{ \"loopscope\" : { \"events\" : [ [ 0 , 0 , 0 , 1 , 0 , 0 , 1 ] , [10,\"task_finished\",0,1,0,0,0] ],"
                                " \"extra\": {\"a\": [true, false, null, -1.5e3]}, \"strings\" : [\"\", \"solo\"],"
                                " \"format\": \"loopscope-trace\" }, \"traceEvents\": [] }";
        QString error;
        const auto rec = readTraceJson(json, &error);
        QVERIFY2(rec, qPrintable(error));
        TimelineModel m(*rec);
        m.update();
        QCOMPARE(m.tasks().size(), std::size_t(1));
        QCOMPARE(m.taskName(1), QStringLiteral("solo"));
        QCOMPARE(m.endTime(), qint64(10));
        // Text ids checked after the fact name the event.
        const QByteArray late = "{\"loopscope\":{\"events\":[[0,0,0,1,0,0,5]],\"strings\":[\"\"],\"format\":\"loopscope-trace\"}}";
        QVERIFY(!readTraceJson(late, &error));
        QVERIFY2(error.contains(QLatin1String("event 0: text id 5 out of range")), qPrintable(error));
    }

    void truncatedFilesAlwaysFailCleanly()
    {
        aio::Recorder rec;
        sim::producerConsumer(rec);
        const QByteArray json = traceJson(rec);
        QVERIFY(readTraceJson(json, nullptr));
        std::set<qsizetype> cuts;
        for (qsizetype n = 0; n < json.size(); n += std::max<qsizetype>(json.size() / 97, 1))
            cuts.insert(n);
        for (qsizetype n = std::max<qsizetype>(json.size() - 40, 0); n < json.size() - 1; ++n)
            cuts.insert(n);
        for (const qsizetype n : cuts) {
            QString error;
            const QByteArray cut = json.left(n);
            if (readTraceJson(cut, &error)) {
                // Only whitespace may be lost and still leave a complete document.
                QVERIFY2(cut.trimmed() == json.trimmed(), qPrintable(QStringLiteral("cut at %1 read fine").arg(n)));
                continue;
            }
            QVERIFY2(error.contains(QRegularExpression(QStringLiteral("^trace:\\d+:\\d+: "))), qPrintable(error));
        }
    }

    void mutatedFilesNeverCrash()
    {
        aio::Recorder rec;
        sim::threadAndEvent(rec);
        const QByteArray json = traceJson(rec);
        std::uint64_t seed = 42;
        auto next = [&] {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            return std::uint32_t(seed >> 33);
        };
        const char replacements[] = "0123456789-+.eE\"\\[]{},: xnt\x01\xff";
        int failed = 0;
        for (int round = 0; round < 400; ++round) {
            QByteArray m = json;
            const int edits = 1 + int(next() % 3);
            for (int k = 0; k < edits; ++k) {
                const qsizetype at = qsizetype(next() % std::uint32_t(m.size()));
                switch (next() % 3) {
                case 0: m[at] = replacements[next() % (sizeof replacements - 1)]; break;
                case 1: m.remove(at, 1 + qsizetype(next() % 8)); break;
                case 2: m.insert(at, QByteArray(1, replacements[next() % (sizeof replacements - 1)])); break;
                }
            }
            QString error;
            const auto back = readTraceJson(m, &error);
            if (!back) {
                ++failed;
                QVERIFY2(error.contains(QRegularExpression(QStringLiteral("^trace:\\d+:\\d+: "))), qPrintable(error));
                continue;
            }
            // A mutation that still reads gives a recorder the timeline can show.
            TimelineModel model(*back);
            model.update();
            QCOMPARE(model.eventCount(), back->size());
        }
        QVERIFY(failed > 200);  // most mutations break the file, and are reported
    }

    void aRecorderStillGrowingIsWrittenUpToWhatWasPublished()
    {
        // The loop's thread keeps recording while another thread writes the trace: the file
        // holds a consistent prefix of the run.
        aio::Recorder rec;
        std::atomic<bool> stop{false};
        std::thread loop([&] {
            aio::TraceRecord r;
            for (aio::ObjectId id = 1; !stop.load() && id < 2'000'000; ++id) {
                r.time_ns = std::int64_t(id) * 1000;
                r.kind = aio::EventKind::task_created;
                r.a = id;
                r.text = (id % 3) ? std::string_view("even") : std::string_view("odd");
                rec.record(r);
                r.kind = aio::EventKind::task_finished;
                r.text = {};
                rec.record(r);
            }
        });
        while (rec.size() < 1000)
            std::this_thread::yield();
        const QByteArray json = traceJson(rec);
        stop = true;
        loop.join();
        QString error;
        const auto back = readTraceJson(json, &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(back->size() >= 1000 && back->size() <= rec.size());
        for (std::size_t i = 0; i < back->size(); ++i) {
            const aio::TraceEvent& a = (*back)[i];
            const aio::TraceEvent& b = rec[i];
            if (a.time_ns != b.time_ns || a.kind != b.kind || a.a != b.a || back->string(a.text) != rec.string(b.text))
                QFAIL(qPrintable(QStringLiteral("event %1 differs").arg(i)));
        }
    }

    void filesAreWrittenAtomicallyAndReadWithTheirName()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        aio::Recorder rec;
        sim::gather543(rec);
        const QString path = dir.filePath(QStringLiteral("run.json"));
        QString error;
        QVERIFY2(writeTraceJsonFile(rec, path, {}, &error), qPrintable(error));
        const auto back = readTraceJsonFile(path, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->size(), rec.size());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("run.json")});  // no temp file left

        // Unwritable target: a message naming it, nothing created.
        const QString blocked = dir.filePath(QStringLiteral("run.json/inside.json"));
        QVERIFY(!writeTraceJsonFile(rec, blocked, {}, &error));
        QVERIFY2(error.contains(blocked), qPrintable(error));
        QVERIFY(!readTraceJsonFile(dir.filePath(QStringLiteral("missing.json")), &error));
        QVERIFY2(error.contains(QLatin1String("missing.json")), qPrintable(error));

        // A corrupt file's errors start with the file's path.
        QFile f(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\n  \"loopscope\": 12\n}\n");
        f.close();
        QVERIFY(!readTraceJsonFile(f.fileName(), &error));
        QVERIFY2(error.startsWith(f.fileName() + QStringLiteral(":2:16: ")), qPrintable(error));
    }
};

QTEST_MAIN(TestTraceJson)
#include "test_trace_json.moc"
