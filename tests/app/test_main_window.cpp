// The main window: a run recorded by the real engine shows in the timeline, the console,
// the inspector and the editor's gutter; deadlocks and errors are reported at their place;
// files, recent files, settings and actions behave. With LOOPSCOPE_WINDOW_SHOTS set to a
// folder, it also saves screenshots of the window there (light and dark).
#include <app/main_window.hpp>

#include <ui/code_editor.hpp>
#include <ui/console_view.hpp>
#include <ui/playback_bar.hpp>
#include <ui/task_inspector.hpp>
#include <ui/timeline_widget.hpp>

#include <engine/engine.hpp>

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QListWidget>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <memory>
#include <thread>

namespace {

constexpr qint64 kSec = 1'000'000'000;

// The program the recorded runs stand for (its lines are the ones the trace names).
const char* const kSleepers =
    "import asyncio\n"                                         // 1
    "\n"                                                       // 2
    "async def work(n):\n"                                     // 3
    "    print(f'work {n} starts')\n"                          // 4
    "    await asyncio.sleep(n)\n"                             // 5
    "    print(f'work {n} done')\n"                            // 6
    "    return n\n"                                           // 7
    "\n"                                                       // 8
    "async def main():\n"                                      // 9
    "    tasks = [asyncio.create_task(work(n), name=f'work-{n}') for n in (5, 3, 4)]\n"  // 10
    "    print(await asyncio.gather(*tasks))\n"                // 11
    "\n"                                                       // 12
    "asyncio.run(main())\n";                                   // 13

void line(aio::EventLoop& loop, int n)
{
    loop.trace(aio::EventKind::task_line, 0, loop.current_actor(), 0, n, "sleepers.py");
}

void say(aio::EventLoop& loop, const std::string& text)
{
    loop.trace(aio::EventKind::print, 0, loop.current_actor(), 0, 0, text);
}

// kSleepers, on the real engine: three workers sleep 5, 3 and 4 s under main.
RunOutcome sleepersProgram(const QString&, aio::Recorder& rec, ProgramRunner::Sink&, QString&)
{
    aio::EventLoop loop;
    loop.set_tracer(&rec);
    auto work = [&](int n) -> aio::Task<int> {
        line(loop, 4);
        say(loop, "work " + std::to_string(n) + " starts");
        line(loop, 5);
        co_await aio::sleep(n);
        line(loop, 6);
        say(loop, "work " + std::to_string(n) + " done");
        line(loop, 7);
        co_return n;
    };
    auto main = [&]() -> aio::Task<void> {
        line(loop, 10);
        auto a = loop.create_task(work(5), "work-5");
        auto b = loop.create_task(work(3), "work-3");
        auto c = loop.create_task(work(4), "work-4");
        line(loop, 11);
        const int x = co_await a;
        const int y = co_await b;
        const int z = co_await c;
        say(loop, "[" + std::to_string(x) + ", " + std::to_string(y) + ", " + std::to_string(z) + "]");
    };
    loop.run_until_complete(main());
    return RunOutcome::Finished;
}

// Two tasks take two locks in opposite order.
RunOutcome deadlockProgram(const QString&, aio::Recorder& rec, ProgramRunner::Sink& sink, QString& message)
{
    aio::EventLoop loop;
    loop.set_tracer(&rec);
    aio::Lock a(loop, "account_a"), b(loop, "account_b");
    auto transfer = [&](aio::Lock& first, aio::Lock& second, double pause) -> aio::Task<void> {
        co_await first.acquire();
        co_await aio::sleep(pause);
        co_await second.acquire();
    };
    auto main = [&]() -> aio::Task<void> {
        auto w1 = loop.create_task(transfer(a, b, 1), "alice");
        auto w2 = loop.create_task(transfer(b, a, 1.5), "bob");
        co_await w1;
        co_await w2;
    };
    try {
        loop.run_until_complete(main());
    } catch (const aio::DeadlockError& e) {
        message = QString::fromStdString(e.what());
        RunDiagnostic d;
        d.kind = RunDiagnostic::Kind::Deadlock;
        d.message = QStringLiteral("Deadlock: no task can make progress");
        d.details = message;
        d.line = 3;
        sink.diagnostic(d);
        // The runner may call it a failure; the trace's deadlock event says what it was.
        return RunOutcome::Failed;
    }
    return RunOutcome::Finished;
}

// A program that sleeps 1 s in a loop until stopped, on a thread of its own (as the
// Python runner runs programs).
class ForeverRunner final : public ProgramRunner {
public:
    ~ForeverRunner() override
    {
        stop();
        if (thread_.joinable())
            thread_.join();
    }
    void start(const QString&, const QString&, aio::Recorder& rec, Sink sink) override
    {
        thread_ = std::thread([this, &rec, sink] {
            aio::EventLoop loop;
            loop.set_tracer(&rec);
            auto main = [&]() -> aio::Task<void> {
                while (!stop_.load())
                    co_await aio::sleep(1);
            };
            loop.run_until_complete(main());
            sink.finished(RunOutcome::Stopped, QString());
        });
    }
    void stop() override { stop_.store(true); }

private:
    std::thread thread_;
    std::atomic<bool> stop_{false};
};

RunSession::RunnerFactory factoryFor(FunctionRunner::Program p)
{
    return [p] { return std::unique_ptr<ProgramRunner>(new FunctionRunner(p)); };
}

aio::ObjectId taskNamed(const TimelineModel& m, const QString& name)
{
    for (const TimelineTask& t : m.tasks())
        if (m.taskName(t.id) == name)
            return t.id;
    return 0;
}

QString consoleText(MainWindow& w)
{
    return w.console()->toPlainText();
}

// Runs the editor's program and waits until the runner has reported its end.
bool runAndWait(MainWindow& w)
{
    QSignalSpy finished(w.session(), &RunSession::runFinished);
    w.run();
    return finished.count() > 0 || finished.wait(5000);
}

void saveShot(QWidget& w, const QString& name)
{
    const QString dir = qEnvironmentVariable("LOOPSCOPE_WINDOW_SHOTS");
    if (dir.isEmpty())
        return;
    QCoreApplication::processEvents();
    QString file = name;
    if (w.devicePixelRatioF() > 1.0)  // QT_SCALE_FACTOR=2: the HiDPI rendering
        file.replace(QStringLiteral(".png"), QStringLiteral("@2x.png"));
    w.grab().save(dir + QLatin1Char('/') + file);
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("LoopscopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("MainWindowTest"));
        QSettings().clear();
    }

    void cleanupTestCase() { QSettings().clear(); }

    void aRecordedRunPlaysIntoEveryPanel()
    {
        MainWindow w;
        w.resize(1400, 860);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.session()->setRunnerFactory(factoryFor(sleepersProgram));
        w.setSource(QString::fromLatin1(kSleepers), QStringLiteral("sleepers.py"));
        QVERIFY(runAndWait(w));
        TimelineModel* m = w.session()->model();
        QVERIFY(m);
        QCOMPARE(w.timeline()->model(), m);
        QCOMPARE(m->tasks().size(), std::size_t(4));
        QCOMPARE(m->endTime(), 5 * kSec);
        QCOMPARE(w.session()->outcome(), RunOutcome::Finished);

        // At 1 s: the workers have started, none has finished.
        w.session()->pause();
        w.session()->seek(kSec);
        QCOMPARE(w.timeline()->playhead(), kSec);
        QVERIFY(consoleText(w).contains(QStringLiteral("work 3 starts")));
        QVERIFY(!consoleText(w).contains(QStringLiteral("work 3 done")));
        // All three workers are asleep on line 5, main awaits on line 11.
        QCOMPARE(w.editor()->marksOnLine(5).size(), 3);
        QCOMPARE(w.editor()->marksOnLine(11).size(), 1);
        const TimelineTheme th = w.timeline()->theme();
        QCOMPARE(w.editor()->marksOnLine(5).first().color, th.waitColor(aio::WaitKind::sleep));

        // Selecting a task: the inspector shows it, the editor tints its line.
        const aio::ObjectId w3 = taskNamed(*m, QStringLiteral("work-3"));
        w.selectTask(w3);
        QCOMPARE(w.inspector()->task(), w3);
        QCOMPARE(w.inspector()->snapshot().state, QStringLiteral("waiting (sleep)"));
        QCOMPARE(w.editor()->selectedLine(), 5);

        // Another program in the editor: the marks of this run would point at wrong lines.
        w.editor()->appendPlainText(QStringLiteral("# a new line"));
        QVERIFY(w.editor()->taskMarks().isEmpty());
        QCOMPARE(w.editor()->selectedLine(), 0);
        w.editor()->undo();
        QVERIFY(w.editor()->taskMarks().isEmpty());  // until it runs again
        w.session()->setRunnerFactory(factoryFor(sleepersProgram));
        QVERIFY(runAndWait(w));
        w.session()->pause();
        w.session()->seek(kSec);
        w.selectTask(taskNamed(*w.session()->model(), QStringLiteral("work-3")));
        QCOMPARE(w.editor()->marksOnLine(5).size(), 3);
        m = w.session()->model();

        // Stepping moves to the next thing that happened: work-3 wakes at 3 s.
        w.session()->stepForward();
        QCOMPARE(w.session()->playhead(), 3 * kSec);
        QCOMPARE(w.playbackBar()->currentTime(), 3 * kSec);

        // The end: everything printed, the summary, nothing left in the gutter.
        w.session()->skipToEnd();
        QVERIFY(consoleText(w).contains(QStringLiteral("[5, 3, 4]")));
        QVERIFY(consoleText(w).contains(QStringLiteral("12.0 s of waiting done in 5.0 s")));
        QVERIFY2(w.summaryText().contains(QStringLiteral("12.0 s of waiting done in 5.0 s")), qPrintable(w.summaryText()));
        QVERIFY(w.summaryText().contains(QStringLiteral("4 tasks: 4 done")));
        QVERIFY(w.editor()->taskMarks().isEmpty());
        QCOMPARE(w.inspector()->snapshot().state, QStringLiteral("done"));
        QCOMPARE(w.inspector()->snapshot().result, QStringLiteral("3"));
    }

    void playbackRunsOnItsOwnToTheEnd()
    {
        MainWindow w;
        w.session()->setRunnerFactory(factoryFor(sleepersProgram));
        w.setSource(QString::fromLatin1(kSleepers), QStringLiteral("sleepers.py"));
        w.session()->setSpeed(100);  // 5 virtual seconds in 50 ms of wall time
        QSignalSpy done(w.session(), &RunSession::playbackFinished);
        w.run();
        QVERIFY(w.session()->isPlaying());
        QVERIFY(done.wait(5000));
        QCOMPARE(w.session()->playhead(), 5 * kSec);
        // Nothing runs or plays: nothing to stop.
        const QList<QAction*> actions = w.allActions();
        const auto stop = std::find_if(actions.begin(), actions.end(), [](QAction* a) {
            return a->shortcut() == QKeySequence(Qt::Key_Escape);
        });
        QVERIFY(stop != actions.end());
        QVERIFY(!(*stop)->isEnabled());
        QVERIFY(!w.session()->isPlaying());
        QVERIFY(!w.playbackBar()->isPlaying());
        // Play again starts over from the beginning.
        w.session()->play();
        QCOMPARE(w.session()->playhead(), 0);
    }

    void aDeadlockIsReportedWithItsLanesHighlighted()
    {
        MainWindow w;
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.session()->setRunnerFactory(factoryFor(deadlockProgram));
        w.setSource(QStringLiteral("import asyncio\n\nasync def transfer(): ...\n"), QStringLiteral("deadlock.py"));
        QVERIFY(runAndWait(w));
        QCOMPARE(w.session()->outcome(), RunOutcome::Deadlocked);
        w.session()->skipToEnd();
        const TimelineModel* m = w.session()->model();
        const QList<aio::ObjectId> stuck = w.deadlockedTasks();
        QVERIFY(stuck.contains(taskNamed(*m, QStringLiteral("alice"))));
        QVERIFY(stuck.contains(taskNamed(*m, QStringLiteral("bob"))));
        int deadlockEntries = 0;
        for (const ConsoleEntry& e : w.console()->entries())
            if (e.kind == ConsoleEntry::Kind::Deadlock) {
                ++deadlockEntries;
                QVERIFY(e.text.contains(QStringLiteral("Lock 'account_b', held by Task 'bob'")));
                QCOMPARE(e.line, 3);
            }
        QCOMPARE(deadlockEntries, 1);  // the runner's report and the trace's are one entry
        QVERIFY(w.summaryText().contains(QStringLiteral("Deadlock")));
        // The stuck lanes are outlined in red over the timeline.
        const QRectF lane = w.timeline()->timelinePainter()->laneRect(taskNamed(*m, QStringLiteral("bob")));
        QVERIFY(!lane.isNull());
        const QImage img = w.timeline()->viewport()->grab().toImage();
        const QColor red = w.timeline()->theme().failed;
        const qreal dpr = img.devicePixelRatio();
        bool outlined = false;
        for (int x = 0; x < img.width() && !outlined; ++x) {
            const QColor c = img.pixelColor(x, int((lane.top() + 0.5) * dpr));
            outlined = qAbs(c.red() - red.red()) < 30 && qAbs(c.green() - red.green()) < 30 && qAbs(c.blue() - red.blue()) < 30;
        }
        QVERIFY(outlined);
        // The diagnostic's line is marked in the editor.
        QCOMPARE(w.editor()->errorLine(), 3);
    }

    void errorsGoToTheirLineNeverToACrash()
    {
        MainWindow w;
        w.session()->setRunnerFactory(factoryFor([](const QString&, aio::Recorder&, ProgramRunner::Sink& sink, QString& msg) {
            RunDiagnostic d;
            d.message = QStringLiteral("SyntaxError: invalid syntax");
            d.line = 2;
            d.column = 5;
            sink.diagnostic(d);
            msg = d.message;
            return RunOutcome::Failed;
        }));
        w.setSource(QStringLiteral("import asyncio\nasync deff main():\n    pass\n"), QStringLiteral("bad.py"));
        QVERIFY(runAndWait(w));
        QCoreApplication::processEvents();
        QCOMPARE(w.editor()->errorLine(), 2);
        QCOMPARE(w.editor()->textCursor().blockNumber(), 1);
        int errors = 0;
        for (const ConsoleEntry& e : w.console()->entries())
            if (e.kind == ConsoleEntry::Kind::Error) {
                ++errors;
                QCOMPARE(e.line, 2);
            }
        QCOMPARE(errors, 1);  // the outcome's message repeats the diagnostic: shown once
        // Clicking it in the console puts the cursor there.
        w.editor()->goToLine(1);
        emit w.console()->lineActivated(2, 5);
        QCOMPARE(w.editor()->textCursor().blockNumber(), 1);
    }

    // The Python runner, when the build has it: the same program, run for real.
    void aPythonProgramRunsForReal()
    {
        if (!RunSession::canRunPython())
            QSKIP("this build has no Python runner");
        MainWindow w;
        w.setSource(QString::fromLatin1(kSleepers), QStringLiteral("sleepers.py"));
        QVERIFY(runAndWait(w));
        QCOMPARE(w.session()->outcome(), RunOutcome::Finished);
        w.session()->skipToEnd();
        // What python3 prints for kSleepers, line for line.
        QStringList printed;
        for (const ConsoleEntry& e : w.console()->entries())
            if (e.kind == ConsoleEntry::Kind::Output)
                printed << e.text;
        QCOMPARE(printed, QStringList({"work 5 starts", "work 3 starts", "work 4 starts", "work 3 done", "work 4 done",
                                       "work 5 done", "[5, 3, 4]"}));
        const TimelineModel* m = w.session()->model();
        QCOMPARE(m->endTime(), 5 * kSec);
        QVERIFY(taskNamed(*m, QStringLiteral("work-3")));
        QVERIFY(w.summaryText().contains(QStringLiteral("12.0 s of waiting done in 5.0 s")));
        // Mid-run the gutter shows the sleepers on line 5.
        w.session()->seek(kSec);
        QCOMPARE(w.editor()->marksOnLine(5).size(), 3);
    }

    void aPythonErrorIsShownAtItsLine()
    {
        if (!RunSession::canRunPython())
            QSKIP("this build has no Python runner");
        MainWindow w;
        w.setSource(QStringLiteral("import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n    print(undefined_name)\n\nasyncio.run(main())\n"),
                    QStringLiteral("broken.py"));
        QVERIFY(runAndWait(w));
        QCoreApplication::processEvents();
        QCOMPARE(w.session()->outcome(), RunOutcome::Failed);
        QCOMPARE(w.editor()->errorLine(), 5);
        QVERIFY(w.editor()->errorMessage().contains(QStringLiteral("NameError")));
        w.session()->skipToEnd();
        int errors = 0;
        for (const ConsoleEntry& e : w.console()->entries())
            if (e.kind == ConsoleEntry::Kind::Error || e.kind == ConsoleEntry::Kind::ErrorOutput) {
                ++errors;
                QCOMPARE(e.line, 5);
                QVERIFY(e.text.contains(QStringLiteral("NameError: name 'undefined_name' is not defined")));
            }
        QCOMPARE(errors, 1);  // the traceback once, with its line
    }

    void aPythonSyntaxErrorNeverRuns()
    {
        if (!RunSession::canRunPython())
            QSKIP("this build has no Python runner");
        MainWindow w;
        w.setSource(QStringLiteral("import asyncio\nasync deff main():\n    pass\n"), QStringLiteral("syntax.py"));
        QVERIFY(runAndWait(w));
        QCoreApplication::processEvents();
        QCOMPARE(w.session()->outcome(), RunOutcome::Failed);
        QCOMPARE(w.editor()->errorLine(), 2);
        QVERIFY(w.summaryText().contains(QStringLiteral("did not run")));
    }

    void aPythonDeadlockHighlightsItsTasks()
    {
        if (!RunSession::canRunPython())
            QSKIP("this build has no Python runner");
        MainWindow w;
        const Demo d = DemoCatalog::find(w.demos(), QStringLiteral("19_deadlock"));
        if (d.path.isEmpty())
            QSKIP("no deadlock demo");
        w.setSource(d.source, d.path);
        QVERIFY(runAndWait(w));
        w.session()->skipToEnd();
        QCOMPARE(w.session()->outcome(), RunOutcome::Deadlocked);
        const TimelineModel* m = w.session()->model();
        QVERIFY(w.deadlockedTasks().contains(taskNamed(*m, QStringLiteral("alice"))));
        QVERIFY(w.deadlockedTasks().contains(taskNamed(*m, QStringLiteral("bob"))));
        int deadlocks = 0;
        for (const ConsoleEntry& e : w.console()->entries())
            if (e.kind == ConsoleEntry::Kind::Deadlock) {
                ++deadlocks;
                QVERIFY(e.text.contains(QStringLiteral("held by Task 'bob'")));
                QVERIFY(w.deadlockedTasks().contains(e.task));  // clicking it selects a stuck task
                // The runner's report: where each stuck task waits, and main's line to jump to.
                QVERIFY2(e.text.contains(QStringLiteral("Task 'alice' waits at")), qPrintable(e.text));
                QVERIFY(e.line > 0);
                QCOMPARE(w.editor()->errorLine(), e.line);
            }
        QCOMPARE(deadlocks, 1);
        QVERIFY(w.summaryText().contains(QStringLiteral("Deadlock after 1.5 s")));
    }

    // A user clicking through the catalogue: every demo runs to the end its header promises.
    void everyDemoRunsToItsExpectedEnd()
    {
        if (!RunSession::canRunPython())
            QSKIP("this build has no Python runner");
        MainWindow w;
        for (int i = 0; i < w.demos().size(); ++i) {
            const Demo& d = w.demos()[i];
            QVERIFY(w.openDemo(i));
            QVERIFY2(runAndWait(w), qPrintable(d.name));
            const RunOutcome want = d.expect.contains(QStringLiteral("deadlock")) ? RunOutcome::Deadlocked
                                    : d.expect.contains(QStringLiteral("error")) || d.expect.contains(QStringLiteral("fail"))
                                        ? RunOutcome::Failed
                                        : RunOutcome::Finished;
            QString errors;
            for (const ConsoleEntry& e : w.console()->entries())
                if (e.kind == ConsoleEntry::Kind::Error)
                    errors += e.text + QLatin1Char('\n');
            QVERIFY2(w.session()->outcome() == want, qPrintable(d.name + QStringLiteral(": ") + errors));
            QVERIFY2(w.session()->model()->tasks().size() >= 1, qPrintable(d.name));
        }
    }

    // Stop and the run limits, with a program on its own thread that sleeps forever.
    // (The Python runner is not used here: ScriptRun::request_stop() can crash it.)
    void stopEndsAProgramThatNeverEnds()
    {
        MainWindow w;
        w.session()->setRunnerFactory([] { return std::unique_ptr<ProgramRunner>(new ForeverRunner); });
        w.setSource(QStringLiteral("while True: await asyncio.sleep(1)\n"), QStringLiteral("forever.py"));
        w.session()->setRunLimits(0, 0);  // no limits: only Stop ends it
        QSignalSpy finished(w.session(), &RunSession::runFinished);
        w.run();
        QVERIFY(w.session()->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->model()->eventCount() > 100, 5000);
        w.stopRun();
        QVERIFY(finished.count() > 0 || finished.wait(5000));
        QCOMPARE(w.session()->outcome(), RunOutcome::Stopped);
        QVERIFY(!w.session()->isRunning());
    }

    void stopInterruptsPythonThatNeverAwaits()
    {
        if (!RunSession::canRunPython())
            QSKIP("this build has no Python runner");
        MainWindow w;
        w.setSource(QStringLiteral("import asyncio\n\nasync def main():\n    n = 0\n    while True:\n        n += 1\n\nasyncio.run(main())\n"),
                    QStringLiteral("spin.py"));
        QSignalSpy finished(w.session(), &RunSession::runFinished);
        w.run();
        // The program spins on its own thread; the window stays responsive meanwhile.
        QTest::qWait(200);
        QVERIFY(w.session()->isRunning());
        QCOMPARE(finished.count(), 0);
        w.stopRun();
        QVERIFY(finished.count() > 0 || finished.wait(5000));
        QCOMPARE(w.session()->outcome(), RunOutcome::Stopped);
        QCoreApplication::processEvents();
        // Where it was stopped (the loop's line or its body), said once.
        const QString text = consoleText(w);
        QVERIFY2(text.contains(QStringLiteral("line 5")) || text.contains(QStringLiteral("line 6")), qPrintable(text));
        QCOMPARE(text.count(QStringLiteral("stopped"), Qt::CaseInsensitive), 1);
    }

    void aNeverEndingProgramIsStoppedAtTheLimit()
    {
        MainWindow w;
        w.session()->setRunnerFactory([] { return std::unique_ptr<ProgramRunner>(new ForeverRunner); });
        w.session()->setRunLimits(0, 100 * kSec);
        w.setSource(QStringLiteral("while True: await asyncio.sleep(1)\n"), QStringLiteral("forever.py"));
        QVERIFY(runAndWait(w));
        QCOMPARE(w.session()->outcome(), RunOutcome::Stopped);
        QVERIFY(w.session()->model()->endTime() > 100 * kSec);
        QVERIFY(consoleText(w).contains(QStringLiteral("still running after 100 s")));
    }

    void withoutARunnerTheWindowSaysSo()
    {
        if (RunSession::canRunPython())
            QSKIP("this build runs Python");
        MainWindow w;
        w.session()->setRunnerFactory(nullptr);  // the build's default
        w.setSource(QStringLiteral("print('hi')\n"), QStringLiteral("hi.py"));
        QVERIFY(runAndWait(w));
        QCoreApplication::processEvents();
        QVERIFY(consoleText(w).contains(QStringLiteral("cannot run Python programs")));
    }

    void aRunExportsAndATraceComesBack()
    {
        QTemporaryDir dir;
        MainWindow w;
        QVERIFY(!w.exportTo(dir.filePath(QStringLiteral("early.png"))));  // nothing run yet
        w.session()->setRunnerFactory(factoryFor(sleepersProgram));
        w.setSource(QString::fromLatin1(kSleepers), QStringLiteral("sleepers.py"));
        QVERIFY(runAndWait(w));
        for (const char* ext : {"png", "svg", "pdf", "json"}) {
            const QString path = dir.filePath(QStringLiteral("run.") + QLatin1String(ext));
            QVERIFY2(w.exportTo(path), ext);
            QVERIFY2(QFileInfo(path).size() > 100, ext);
        }
        QVERIFY(!w.exportTo(dir.filePath(QStringLiteral("run.bmpx"))));
        QVERIFY(consoleText(w).contains(QStringLiteral("unknown file type")));
        // The trace shows the same run, finished, with its output.
        MainWindow w2;
        QVERIFY(w2.openTrace(dir.filePath(QStringLiteral("run.json"))));
        QCOMPARE(w2.session()->model()->tasks().size(), std::size_t(4));
        QCOMPARE(w2.session()->model()->endTime(), 5 * kSec);
        QVERIFY(consoleText(w2).contains(QStringLiteral("[5, 3, 4]")));
        QVERIFY(w2.summaryText().contains(QStringLiteral("12.0 s of waiting done in 5.0 s")));
        // A broken file: a message, never a crash.
        QFile bad(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{ not json");
        bad.close();
        QVERIFY(!w2.openTrace(bad.fileName()));
        QVERIFY(consoleText(w2).contains(QStringLiteral("Cannot open the trace")));
    }

    void filesOpenAndAreRemembered()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mine.py"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("import asyncio\nprint('mine')\n");
        }
        MainWindow w;
        QVERIFY(w.openFile(path));
        QCOMPARE(w.editor()->toPlainText(), QStringLiteral("import asyncio\nprint('mine')\n"));
        QVERIFY(w.windowTitle().startsWith(QStringLiteral("mine.py")));
        QCOMPARE(w.recentFiles().first(), QFileInfo(path).absoluteFilePath());
        // A file that is not there: a message in the console, the editor keeps its text.
        QVERIFY(!w.openFile(dir.filePath(QStringLiteral("missing.py"))));
        QVERIFY(consoleText(w).contains(QStringLiteral("Cannot open")));
        QCOMPARE(w.currentFile(), path);
        // Editing marks the title; saving clears it and writes the file.
        w.editor()->appendPlainText(QStringLiteral("# more"));
        QVERIFY(w.isWindowModified());
        QVERIFY(w.save());
        QVERIFY(!w.isWindowModified());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().endsWith("# more"));
    }

    void droppingAPythonFileOpensIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("dropped.py"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("print('dropped')\n");
        }
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        const QPoint at = w.timeline()->mapTo(&w, w.timeline()->rect().center());
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        QCOMPARE(w.currentFile(), path);
        QCOMPARE(w.editor()->toPlainText(), QStringLiteral("print('dropped')\n"));
        // A file that is not Python is refused.
        QMimeData other;
        other.setUrls({QUrl::fromLocalFile(dir.filePath(QStringLiteral("notes.txt")))});
        QDragEnterEvent enter2(at, Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
        enter2.setAccepted(false);
        QApplication::sendEvent(&w, &enter2);
        QVERIFY(!enter2.isAccepted());
    }

    void everyActionIsInAMenuWithItsShortcut()
    {
        MainWindow w;
        QHash<QString, QString> keys;
        for (QAction* a : w.allActions())
            if (!a->shortcut().isEmpty()) {
                const QString k = a->shortcut().toString();
                QVERIFY2(!keys.contains(k), qPrintable(k + QStringLiteral(" is used twice")));
                keys.insert(k, a->text().remove(QLatin1Char('&')));
            }
        QCOMPARE(keys.value(QStringLiteral("Ctrl+R")), QStringLiteral("Run"));
        QCOMPARE(keys.value(QStringLiteral("Esc")), QStringLiteral("Stop"));
        QVERIFY(keys.value(QStringLiteral("Ctrl+O")).startsWith(QStringLiteral("Open")));
        QVERIFY(keys.contains(QStringLiteral("Space")));
        QVERIFY(keys.contains(QStringLiteral("F1")));
        // The menus name every panel so a closed one can come back.
        QStringList texts;
        for (QAction* a : w.allActions())
            texts << a->text();
        for (const char* panel : {"Demos", "Program", "Task", "Console"})
            QVERIFY2(texts.contains(QString::fromLatin1(panel)), panel);
    }

    void theDemoCatalogueLoadsDemos()
    {
        MainWindow w;
        if (w.demos().isEmpty())
            QSKIP("no demos in this build");
        QCOMPARE(w.demoList()->count(), w.demos().size());
        QVERIFY(w.openDemo(1));
        QCOMPARE(w.currentFile(), w.demos()[1].path);
        QCOMPARE(w.editor()->toPlainText(), w.demos()[1].source);
        QCOMPARE(w.demoList()->currentRow(), 1);
        QVERIFY(!w.editor()->document()->isModified());
    }

    void settingsAreKept()
    {
        {
            MainWindow w;
            w.playbackBar()->setSpeed(2.0);
            emit w.playbackBar()->speedChanged(2.0);
            w.setThemeChoice(MainWindow::ThemeChoice::Dark);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.findChild<QDockWidget*>(QStringLiteral("consoleDock"))->hide();
            w.close();
        }
        MainWindow w2;
        w2.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w2));
        QVERIFY(!w2.findChild<QDockWidget*>(QStringLiteral("consoleDock"))->isVisible());
        QVERIFY(w2.findChild<QDockWidget*>(QStringLiteral("inspectorDock"))->isVisible());
        QCOMPARE(w2.playbackBar()->speed(), 2.0);
        QCOMPARE(w2.session()->speed(), 2.0);
        QCOMPARE(w2.themeChoice(), MainWindow::ThemeChoice::Dark);
        QVERIFY(w2.isDarkTheme());
        QVERIFY(w2.timeline()->theme().isDark);
        w2.setThemeChoice(MainWindow::ThemeChoice::Light);
        QVERIFY(!w2.isDarkTheme());
        QVERIFY(!w2.timeline()->theme().isDark);
    }

    void screenshots()
    {
        if (qEnvironmentVariableIsEmpty("LOOPSCOPE_WINDOW_SHOTS"))
            QSKIP("set LOOPSCOPE_WINDOW_SHOTS to a folder to save screenshots");
        for (const bool dark : {false, true}) {
            MainWindow w;
            w.setThemeChoice(dark ? MainWindow::ThemeChoice::Dark : MainWindow::ThemeChoice::Light);
            w.resize(1500, 920);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            if (!w.demos().isEmpty())
                w.openDemo(1);
            saveShot(w, dark ? QStringLiteral("window-dark-start.png") : QStringLiteral("window-light-start.png"));
            w.session()->setRunnerFactory(factoryFor(sleepersProgram));
            w.setSource(QString::fromLatin1(kSleepers), QStringLiteral("sleepers.py"));
            if (!w.demos().isEmpty())
                w.demoList()->setCurrentRow(1);
            QVERIFY(runAndWait(w));
            w.session()->pause();
            w.session()->seek(qint64(3.5 * kSec));
            w.selectTask(taskNamed(*w.session()->model(), QStringLiteral("work-5")));
            saveShot(w, dark ? QStringLiteral("window-dark-midrun.png") : QStringLiteral("window-light-midrun.png"));
            w.session()->skipToEnd();
            saveShot(w, dark ? QStringLiteral("window-dark-end.png") : QStringLiteral("window-light-end.png"));

            w.session()->setRunnerFactory(factoryFor(deadlockProgram));
            QVERIFY(runAndWait(w));
            w.session()->skipToEnd();
            saveShot(w, dark ? QStringLiteral("window-dark-deadlock.png") : QStringLiteral("window-light-deadlock.png"));

            // Built-in demos, run by the Python runner.
            if (!RunSession::canRunPython())
                continue;
            w.session()->setRunnerFactory(nullptr);
            const QString theme = dark ? QStringLiteral("dark") : QStringLiteral("light");
            for (const char* name : {"08_semaphore_fetches", "19_deadlock", "12_producer_consumer"}) {
                const Demo d = DemoCatalog::find(w.demos(), QString::fromLatin1(name));
                if (d.path.isEmpty())
                    continue;
                for (int i = 0; i < w.demos().size(); ++i)
                    if (w.demos()[i].path == d.path)
                        w.openDemo(i);
                QVERIFY(runAndWait(w));
                w.session()->pause();
                const TimelineModel* m = w.session()->model();
                w.session()->seek(m->endTime() * 2 / 5);
                if (m->tasks().size() > 3)
                    w.selectTask(m->tasks()[3].id);
                saveShot(w, QStringLiteral("demo-%1-%2-mid.png").arg(QString::fromLatin1(name), theme));
                w.session()->skipToEnd();
                saveShot(w, QStringLiteral("demo-%1-%2-end.png").arg(QString::fromLatin1(name), theme));
            }
            // An uncaught exception in a task.
            w.setSource(QStringLiteral("import asyncio\n\n"
                                       "async def fetch(n):\n"
                                       "    await asyncio.sleep(n)\n"
                                       "    if n == 2:\n"
                                       "        raise ValueError(f'page {n} is broken')\n"
                                       "    print(f'page {n} ok')\n"
                                       "    return n\n\n"
                                       "async def main():\n"
                                       "    print(await asyncio.gather(fetch(1), fetch(2), fetch(3)))\n\n"
                                       "asyncio.run(main())\n"),
                        QStringLiteral("broken.py"));
            QVERIFY(runAndWait(w));
            w.session()->skipToEnd();
            saveShot(w, QStringLiteral("window-%1-error.png").arg(theme));
        }
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
