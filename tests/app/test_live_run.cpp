// Live runs: a Python program run by LiveScriptRunner on the Qt bridge, paced on virtual
// time or on the wall clock, as the window's session drives it. The trace is the one the
// runner that runs ahead records; pause freezes the program's own clock; a step runs it to
// its next event; Stop ends programs that never end, even ones that never await; the
// session's playhead follows the program's clock. No timing thresholds: slow speeds keep
// timers far away, and waits are QTRY_ with generous timeouts.
#include <app/live_script_runner.hpp>
#include <app/run_session.hpp>

#include <QSignalSpy>
#include <QtTest>

#include <tuple>
#include <vector>

namespace {

constexpr qint64 kSec = 1'000'000'000;
constexpr int kLong = 60'000;  // ms: only a hang takes this long

// Expected outputs come from running the programs with python3.
const char* const kWorkers =
    "import asyncio\n"
    "\n"
    "async def worker(name, q, lock):\n"
    "    while True:\n"
    "        item = await q.get()\n"
    "        async with lock:\n"
    "            await asyncio.sleep(0.5)\n"
    "            print(name, item)\n"
    "        q.task_done()\n"
    "\n"
    "async def main():\n"
    "    q = asyncio.Queue(maxsize=2)\n"
    "    lock = asyncio.Lock()\n"
    "    workers = [asyncio.create_task(worker(f\"w{i}\", q, lock), name=f\"w{i}\") for i in range(2)]\n"
    "    for i in range(5):\n"
    "        await q.put(i)\n"
    "    await q.join()\n"
    "    for w in workers:\n"
    "        w.cancel()\n"
    "    await asyncio.gather(*workers, return_exceptions=True)\n"
    "    print(\"done\")\n"
    "\n"
    "asyncio.run(main())\n";
const char* const kWorkersOutput[] = {"w0 0", "w1 1", "w0 2", "w1 3", "w0 4", "done"};

const char* const kDeadlock =
    "import asyncio\n"
    "\n"
    "async def transfer(first, second, pause):\n"
    "    async with first:\n"
    "        await asyncio.sleep(pause)\n"
    "        async with second:\n"
    "            pass\n"
    "\n"
    "async def main():\n"
    "    a, b = asyncio.Lock(), asyncio.Lock()\n"
    "    await asyncio.gather(transfer(a, b, 1), transfer(b, a, 1.5))\n"
    "\n"
    "asyncio.run(main())\n";

const char* const kFails =
    "import asyncio\n"
    "\n"
    "async def main():\n"
    "    await asyncio.sleep(1)\n"
    "    raise ValueError(\"bad\")\n"
    "\n"
    "asyncio.run(main())\n";

const char* const kTicks =
    "import asyncio\n"
    "\n"
    "async def main():\n"
    "    print(\"start\")\n"
    "    for i in range(4):\n"
    "        await asyncio.sleep(10)\n"
    "        print(\"tick\", i)\n"
    "\n"
    "asyncio.run(main())\n";

const char* const kForever =
    "import asyncio\n"
    "\n"
    "async def main():\n"
    "    n = 0\n"
    "    while True:\n"
    "        await asyncio.sleep(1)\n"
    "        n += 1\n"
    "        print(\"beat\", n)\n"
    "\n"
    "asyncio.run(main())\n";

const char* const kSpin =
    "import asyncio\n"
    "\n"
    "async def spin():\n"
    "    n = 0\n"
    "    while True:\n"
    "        n += 1\n"
    "\n"
    "async def main():\n"
    "    await asyncio.create_task(spin(), name=\"spinner\")\n"
    "\n"
    "asyncio.run(main())\n";

// One recorded event with its text resolved (string ids may differ between recorders).
using Event = std::tuple<qint64, int, int, quint64, quint64, qint64, std::string>;

std::vector<Event> eventsOf(const aio::Recorder& r)
{
    std::vector<Event> out;
    for (std::size_t i = 0; i < r.size(); ++i) {
        const aio::TraceEvent& e = r[i];
        out.emplace_back(e.time_ns, int(e.kind), int(e.sub), e.a, e.b, e.value, std::string(r.string(e.text)));
    }
    return out;
}

QStringList printsOf(const aio::Recorder& r)
{
    QStringList out;
    for (std::size_t i = 0; i < r.size(); ++i)
        if (r[i].kind == aio::EventKind::print)
            out << QString::fromUtf8(r.string(r[i].text));
    return out;
}

QStringList printsOf(const char* const* lines, int n)
{
    QStringList out;
    for (int i = 0; i < n; ++i)
        out << QString::fromLatin1(lines[i]);
    return out;
}

// A session whose runs are live, with a handle on the runner of the current run.
struct LiveSession {
    explicit LiveSession(LiveScriptRunner::Clock clock)
    {
        session.setRunnerFactory([this, clock] {
            auto r = std::make_unique<LiveScriptRunner>(clock);
            runner = r.get();
            return std::unique_ptr<ProgramRunner>(std::move(r));
        });
    }
    RunSession session;
    LiveScriptRunner* runner = nullptr;
};

bool waitForEnd(RunSession& s)
{
    return QTest::qWaitFor([&] { return !s.isRunning(); }, kLong);
}

}  // namespace

class TestLiveRun : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!LiveScriptRunner::isAvailable() || !RunSession::canRunPython())
            QSKIP("this build cannot run programs live");
    }

    void liveRunRecordsWhatReplayRecords_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("outcome");
        QTest::newRow("queue and lock") << QString::fromLatin1(kWorkers) << int(RunOutcome::Finished);
        QTest::newRow("deadlock") << QString::fromLatin1(kDeadlock) << int(RunOutcome::Deadlocked);
        QTest::newRow("exception") << QString::fromLatin1(kFails) << int(RunOutcome::Failed);
        QTest::newRow("syntax error") << QStringLiteral("import asyncio\nx = (1,\n") << int(RunOutcome::Failed);
    }

    void liveRunRecordsWhatReplayRecords()
    {
        QFETCH(QString, source);
        QFETCH(int, outcome);

        RunSession replay;
        QSignalSpy replayDiags(&replay, &RunSession::diagnostic);
        replay.start(source, QStringLiteral("prog.py"));
        QVERIFY(waitForEnd(replay));
        QCOMPARE(int(replay.outcome()), outcome);

        LiveSession live(LiveScriptRunner::Clock::PacedVirtual);
        QSignalSpy liveDiags(&live.session, &RunSession::diagnostic);
        live.session.setSpeed(10);
        live.session.start(source, QStringLiteral("prog.py"));
        QVERIFY(live.session.isLive());
        QVERIFY(waitForEnd(live.session));
        QCOMPARE(int(live.session.outcome()), outcome);
        QVERIFY(!live.session.isLive());

        QCOMPARE(eventsOf(*live.session.recorder()), eventsOf(*replay.recorder()));
        QCOMPARE(live.session.model()->tasks().size(), replay.model()->tasks().size());
        QCOMPARE(live.session.model()->endTime(), replay.model()->endTime());
        QCoreApplication::processEvents();
        QCOMPARE(liveDiags.count(), replayDiags.count());
        for (int i = 0; i < liveDiags.count(); ++i) {
            const auto a = liveDiags[i][0].value<RunDiagnostic>();
            const auto b = replayDiags[i][0].value<RunDiagnostic>();
            QCOMPARE(a.message, b.message);
            QCOMPARE(a.line, b.line);
            QCOMPARE(int(a.kind), int(b.kind));
        }
        if (source == QLatin1String(kWorkers))
            QCOMPARE(printsOf(*live.session.recorder()), printsOf(kWorkersOutput, 6));
    }

    // After a live run the recording is replayed and seeked like any other.
    void aFinishedLiveRunIsReplayable()
    {
        LiveSession live(LiveScriptRunner::Clock::PacedVirtual);
        QSignalSpy ended(&live.session, &RunSession::playbackFinished);
        live.session.setSpeed(10);
        live.session.start(QString::fromLatin1(kWorkers), QStringLiteral("workers.py"));
        QVERIFY(waitForEnd(live.session));
        QVERIFY(live.session.atEnd());
        QCOMPARE(live.session.playhead(), live.session.model()->endTime());
        QCOMPARE(ended.count(), 1);
        live.session.seek(kSec);
        QCOMPARE(live.session.playhead(), kSec);
        live.session.stepForward();
        QCOMPARE(live.session.playhead(), live.session.model()->nextEventTime(kSec));
        live.session.restart();
        QVERIFY(live.session.isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(live.session.atEnd(), kLong);
        QCOMPARE(ended.count(), 2);
    }

    // Pausing stops the program's own clock: nothing more is recorded until it resumes.
    void pauseFreezesTheProgram()
    {
        LiveSession live(LiveScriptRunner::Clock::PacedVirtual);
        live.session.setSpeed(10);
        live.session.start(QString::fromLatin1(kForever), QStringLiteral("forever.py"));
        const aio::Recorder& rec = *live.session.recorder();
        QTRY_VERIFY_WITH_TIMEOUT(printsOf(rec).size() >= 2, kLong);
        live.session.pause();
        QVERIFY(!live.session.isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(!live.runner->isPlaying(), kLong);
        // The driver says it paused a moment before it publishes the clock it paused at,
        // so the clock is checked against the next timer, which the program never reaches.
        const std::size_t events = rec.size();
        const qint64 nextBeat = (printsOf(rec).size() + 1) * kSec;
        QTest::qWait(500);  // 5 s of program time, had it not been paused
        QCOMPARE(rec.size(), events);
        QVERIFY(live.runner->currentTime() < nextBeat);
        live.session.tick();
        QVERIFY(live.session.playhead() >= rec[events - 1].time_ns);
        QVERIFY(live.session.playhead() < nextBeat);
        QVERIFY(live.session.isRunning());
        const qint64 clock = live.runner->currentTime();

        live.session.play();
        QTRY_VERIFY_WITH_TIMEOUT(rec.size() > events, kLong);
        QVERIFY(live.runner->currentTime() > clock);
        live.session.stop();
        QVERIFY(waitForEnd(live.session));
        QCOMPARE(live.session.outcome(), RunOutcome::Stopped);
    }

    // While live, the playhead is the program's clock: it moves on while every task sleeps.
    void thePlayheadFollowsTheProgramsClock()
    {
        LiveSession live(LiveScriptRunner::Clock::PacedVirtual);
        QSignalSpy playheads(&live.session, &RunSession::playheadChanged);
        live.session.setSpeed(1);
        live.session.start(QString::fromLatin1(kTicks), QStringLiteral("ticks.py"));
        const aio::Recorder& rec = *live.session.recorder();
        QTRY_VERIFY_WITH_TIMEOUT(printsOf(rec).size() == 1, kLong);
        // The next event is 10 s away; the playhead walks towards it, past the last event.
        QTRY_VERIFY_WITH_TIMEOUT(live.session.playhead() > rec[rec.size() - 1].time_ns, kLong);
        QVERIFY(live.session.playhead() < 10 * kSec || printsOf(rec).size() > 1);
        QVERIFY(playheads.count() >= 2);
        // Seek and step back wait for the end of the run.
        const qint64 before = live.session.playhead();
        live.session.seek(0);
        live.session.stepBack();
        QVERIFY(live.session.playhead() >= before);
        live.session.stop();
        QVERIFY(waitForEnd(live.session));
        // What is replayable ends with the recording.
        QCOMPARE(live.session.playhead(), live.session.model()->endTime());
        QCOMPARE(live.session.model()->endTime(), rec[rec.size() - 1].time_ns);
    }

    // Each step runs the program to its next event, and it waits there.
    void stepsRunTheProgramOneEventAtATime()
    {
        aio::Recorder rec;
        LiveScriptRunner runner(LiveScriptRunner::Clock::PacedVirtual);
        runner.setSpeed(0.1);
        runner.setPaused(true);  // from the first line on
        bool finished = false;
        RunOutcome outcome = RunOutcome::Failed;
        ProgramRunner::Sink sink;
        sink.stdoutText = [](const QString&, qint64) {};
        sink.stderrText = [](const QString&, qint64) {};
        sink.diagnostic = [](const RunDiagnostic&) {};
        // Called on the worker: hop to this thread.
        QObject context;
        sink.finished = [&](RunOutcome o, const QString&) {
            QMetaObject::invokeMethod(&context, [&, o] {
                outcome = o;
                finished = true;
            });
        };
        runner.start(QString::fromLatin1(kTicks), QStringLiteral("ticks.py"), rec, sink);
        QTest::qWait(300);
        QVERIFY(printsOf(rec).isEmpty());  // paused before the module body ran

        // The first step runs what is ready at time 0: the body up to its first sleep.
        runner.stepOnce();
        QTRY_COMPARE_WITH_TIMEOUT(runner.stepsFinished(), 1, kLong);
        QCOMPARE(printsOf(rec), QStringList{QStringLiteral("start")});
        QCOMPARE(runner.currentTime(), qint64(0));
        QVERIFY(!runner.isPlaying());
        for (int i = 0; i < 3; ++i) {
            const std::size_t before = rec.size();
            runner.stepOnce();
            QTRY_COMPARE_WITH_TIMEOUT(runner.stepsFinished(), i + 2, kLong);
            QCOMPARE(runner.currentTime(), (i + 1) * 10 * kSec);
            QCOMPARE(rec[rec.size() - 1].time_ns, (i + 1) * 10 * kSec);
            QCOMPARE(rec[before].time_ns, (i + 1) * 10 * kSec);
            QCOMPARE(printsOf(rec).size(), i + 2);
            QCOMPARE(printsOf(rec).last(), QStringLiteral("tick %1").arg(i));
        }
        const std::size_t before = rec.size();
        QTest::qWait(300);
        QCOMPARE(rec.size(), before);  // waits for the next step
        runner.stepOnce();  // the last tick ends the program
        QTRY_VERIFY_WITH_TIMEOUT(finished, kLong);
        QCOMPARE(outcome, RunOutcome::Finished);
        QCOMPARE(printsOf(rec).last(), QStringLiteral("tick 3"));
        QCOMPARE(runner.currentTime(), 40 * kSec);
    }

    // Through the session: Step pauses the program and runs it to its next event.
    void sessionStepsTheLiveProgram()
    {
        LiveSession live(LiveScriptRunner::Clock::PacedVirtual);
        live.session.setSpeed(0.1);  // the first timer is 100 wall seconds away
        live.session.start(QString::fromLatin1(kTicks), QStringLiteral("ticks.py"));
        const aio::Recorder& rec = *live.session.recorder();
        QTRY_VERIFY_WITH_TIMEOUT(printsOf(rec).size() == 1, kLong);
        // What was ready at time 0 may still be to run: the first step may stay there.
        int steps = 0;
        while (live.runner->currentTime() < 10 * kSec && steps < 3) {
            live.session.stepForward();
            ++steps;
            QTRY_COMPARE_WITH_TIMEOUT(live.runner->stepsFinished(), steps, kLong);
            QVERIFY(!live.session.isPlaying());
        }
        QCOMPARE(live.runner->currentTime(), 10 * kSec);
        live.session.tick();
        QCOMPARE(live.session.playhead(), 10 * kSec);
        QCOMPARE(printsOf(rec), (QStringList{QStringLiteral("start"), QStringLiteral("tick 0")}));
        live.session.stepForward();
        QTRY_COMPARE_WITH_TIMEOUT(live.runner->stepsFinished(), steps + 1, kLong);
        live.session.tick();
        QCOMPARE(live.session.playhead(), 20 * kSec);
        QCOMPARE(printsOf(rec).last(), QStringLiteral("tick 1"));
        // Skip to end: the rest at full speed.
        live.session.skipToEnd();
        QVERIFY(waitForEnd(live.session));
        QCOMPARE(live.session.outcome(), RunOutcome::Finished);
        QCOMPARE(printsOf(rec).size(), 5);
        QVERIFY(live.session.atEnd());
    }

    void stopEndsAProgramThatSleepsForever_data()
    {
        QTest::addColumn<bool>("paused");
        QTest::newRow("playing") << false;
        QTest::newRow("paused") << true;
    }

    void stopEndsAProgramThatSleepsForever()
    {
        QFETCH(bool, paused);
        LiveSession live(LiveScriptRunner::Clock::PacedVirtual);
        live.session.setRunLimits(0, 0);
        QSignalSpy diags(&live.session, &RunSession::diagnostic);
        live.session.setSpeed(10);
        live.session.start(QString::fromLatin1(kForever), QStringLiteral("forever.py"));
        QTRY_VERIFY_WITH_TIMEOUT(printsOf(*live.session.recorder()).size() >= 3, kLong);
        if (paused) {
            live.session.pause();
            QTRY_VERIFY_WITH_TIMEOUT(!live.runner->isPlaying(), kLong);
        }
        const qint64 nextBeat = (printsOf(*live.session.recorder()).size() + 1) * kSec;
        live.session.stop();
        QVERIFY(waitForEnd(live.session));
        QCOMPARE(live.session.outcome(), RunOutcome::Stopped);
        if (paused) {  // stopped where it was: the clock did not move to the next timer
            QVERIFY(live.runner->currentTime() < nextBeat);
            QVERIFY(live.session.model()->endTime() < nextBeat);
        }
        QCoreApplication::processEvents();
        bool said = false;
        for (const QList<QVariant>& args : diags) {
            const auto d = args[0].value<RunDiagnostic>();
            said |= d.kind == RunDiagnostic::Kind::Stopped && d.message.contains(QStringLiteral("line 6"));
        }
        QVERIFY2(said, "the stop names the line the program waited at");
    }

    // A task that never awaits holds the loop's thread; Stop still ends it.
    void stopEndsAProgramThatNeverAwaits()
    {
        LiveSession live(LiveScriptRunner::Clock::PacedVirtual);
        live.session.start(QString::fromLatin1(kSpin), QStringLiteral("spin.py"));
        const aio::Recorder& rec = *live.session.recorder();
        auto spinning = [&] {
            aio::ObjectId spinner = 0;
            for (std::size_t i = 0; i < rec.size(); ++i) {
                if (rec[i].kind == aio::EventKind::task_created && rec.string(rec[i].text) == "spinner")
                    spinner = rec[i].a;
                if (spinner && rec[i].kind == aio::EventKind::task_resumed && rec[i].a == spinner)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(spinning(), kLong);
        QVERIFY(live.session.isRunning());
        live.session.stop();
        QVERIFY(waitForEnd(live.session));
        QCOMPARE(live.session.outcome(), RunOutcome::Stopped);

        // Starting another run while one spins stops and joins it too.
        live.session.start(QString::fromLatin1(kSpin), QStringLiteral("spin.py"));
        QTRY_VERIFY_WITH_TIMEOUT(live.session.recorder()->size() > 3, kLong);
        live.session.start(QStringLiteral("print('next')\n"), QStringLiteral("next.py"));
        QVERIFY(waitForEnd(live.session));
        QCOMPARE(live.session.outcome(), RunOutcome::Finished);
        QCOMPARE(printsOf(*live.session.recorder()), QStringList{QStringLiteral("next")});
    }

    // A live run has no time limit; the event limit (memory) still stops it, saying why.
    void onlyTheEventLimitStopsALiveRun()
    {
        LiveSession live(LiveScriptRunner::Clock::PacedVirtual);
        live.session.setRunLimits(0, 2 * kSec);
        live.session.setSpeed(10);
        live.session.start(QString::fromLatin1(kForever), QStringLiteral("forever.py"));
        QTRY_VERIFY_WITH_TIMEOUT(live.session.model() && live.session.model()->endTime() > 4 * kSec, kLong);
        QVERIFY(live.session.isRunning());
        live.session.stop();
        QVERIFY(waitForEnd(live.session));

        QSignalSpy diags(&live.session, &RunSession::diagnostic);
        live.session.setRunLimits(300, 0);
        live.session.start(QString::fromLatin1(kForever), QStringLiteral("forever.py"));
        live.session.skipToEnd();  // as fast as it goes
        QVERIFY(waitForEnd(live.session));
        QCOMPARE(live.session.outcome(), RunOutcome::Stopped);
        QCoreApplication::processEvents();
        bool said = false;
        for (const QList<QVariant>& args : diags)
            said |= args[0].value<RunDiagnostic>().message.contains(QStringLiteral("more than 300 events"));
        QVERIFY(said);
    }

    void wallClockRunFinishesInRealTime()
    {
        LiveSession live(LiveScriptRunner::Clock::WallClock);
        live.session.setSpeed(10);  // does not apply to real time
        live.session.start(QStringLiteral("import asyncio\n\nasync def main():\n    await asyncio.sleep(0.2)\n    print('slept')\n\n"
                                          "asyncio.run(main())\n"),
                           QStringLiteral("nap.py"));
        QVERIFY(live.session.isLive());
        QVERIFY(live.session.isRealTime());
        live.session.pause();  // the wall clock does not stop
        QVERIFY(live.session.isPlaying());
        QVERIFY(waitForEnd(live.session));
        QCOMPARE(live.session.outcome(), RunOutcome::Finished);
        QCOMPARE(printsOf(*live.session.recorder()), QStringList{QStringLiteral("slept")});
        // The sleep took real time: 0.2 s between the first and the last event, at least.
        const aio::Recorder& rec = *live.session.recorder();
        QVERIFY(rec[rec.size() - 1].time_ns - rec[0].time_ns >= 200'000'000);
        QVERIFY(!live.session.isRealTime());
    }

    void runModesPickTheirRunners()
    {
        RunSession s;
        QCOMPARE(s.runMode(), RunSession::RunMode::Replay);
        const QString program = QStringLiteral("import asyncio\n\nasync def main():\n    await asyncio.sleep(0.05)\n\nasyncio.run(main())\n");
        for (RunSession::RunMode mode : {RunSession::RunMode::LivePaced, RunSession::RunMode::Replay, RunSession::RunMode::LiveWallClock}) {
            s.setRunMode(mode);
            QCOMPARE(s.runMode(), mode);
            s.setSpeed(10);
            s.start(program, QStringLiteral("nap.py"));
            QCOMPARE(s.isLive(), mode != RunSession::RunMode::Replay && s.isRunning());
            QCOMPARE(s.isRealTime(), mode == RunSession::RunMode::LiveWallClock && s.isRunning());
            QVERIFY(waitForEnd(s));
            QCOMPARE(s.outcome(), RunOutcome::Finished);
        }
    }
};

QTEST_GUILESS_MAIN(TestLiveRun)
#include "test_live_run.moc"
