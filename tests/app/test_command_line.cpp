// The loopscope program as a user calls it: run, export, demos, their exit statuses and
// messages, and that a failed write never leaves a file behind. Runs build/bin/loopscope.
// Threading: one thread; every call is a child process with a wall-clock limit.
#include <ui/trace_json_reader.hpp>

#include <QCoreApplication>
#include <QDir>
#include <QProcessEnvironment>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

QString program()
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../bin/loopscope"));
}

Result loopscope(const QStringList& args, const QString& workDir = {})
{
    QProcess p;
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(program(), args);
    Result r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("did not finish");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// A program started so that signals can be sent to it: with SIGINT and SIGTERM at their
// defaults even when this test runs as a background job (whose SIGINT the shell ignores).
struct Child {
    QProcess process;
    QByteArray out, err;

    explicit Child(const QString& exe, const QStringList& args, const QString& workDir = {})
    {
        process.setChildProcessModifier([] {
            ::signal(SIGINT, SIG_DFL);
            ::signal(SIGTERM, SIG_DFL);
        });
        if (!workDir.isEmpty())
            process.setWorkingDirectory(workDir);
        process.start(exe, args);
    }
    ~Child()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
        }
    }
    // Reads until `text` has appeared on `channel`; false if the program ended first.
    bool waitFor(QProcess::ProcessChannel channel, const QByteArray& text)
    {
        QByteArray& seen = channel == QProcess::StandardOutput ? out : err;
        process.setReadChannel(channel);
        for (;;) {
            out += process.readAllStandardOutput();
            err += process.readAllStandardError();
            if (seen.contains(text))
                return true;
            if (!process.waitForReadyRead(60000) && process.state() == QProcess::NotRunning)
                return false;
        }
    }
    void signal(int sig) { ::kill(static_cast<pid_t>(process.processId()), sig); }
    // The exit code, or -1 after a crash or a signal.
    int finish()
    {
        if (!process.waitForFinished(120000))
            return -2;
        out += process.readAllStandardOutput();
        err += process.readAllStandardError();
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
};

// CPython's traceback as Loopscope prints it (tests/conformance does the same): no frames
// inside the standard library's asyncio, no ^^^ position markers.
QString withoutStdlibFrames(const QString& traceback)
{
    QStringList kept;
    const QStringList lines = traceback.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        if (lines[i].startsWith(QLatin1String("  File \"")) && lines[i].contains(QLatin1String("/asyncio/"))) {
            if (i + 1 < lines.size() && lines[i + 1].startsWith(QLatin1String("    ")))
                ++i;
            continue;
        }
        if (QRegularExpression(QStringLiteral("^ +[~^]+ *$")).match(lines[i]).hasMatch())
            continue;
        kept << lines[i];
    }
    return kept.join(QLatin1Char('\n'));
}

void writeFile(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

}  // namespace

class TestCommandLine : public QObject {
    Q_OBJECT

    QTemporaryDir dir;

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(program()), qPrintable(program() + " is not built"));
        QVERIFY(dir.isValid());
        writeFile(dir.filePath("ok.py"),
                  "import asyncio\n"
                  "async def work(n):\n"
                  "    await asyncio.sleep(n)\n"
                  "    return n * 10\n"
                  "async def main():\n"
                  "    print(await asyncio.gather(work(2), work(1)))\n"
                  "asyncio.run(main())\n");
        writeFile(dir.filePath("spin.py"),
                  "import asyncio\n"
                  "async def spin():\n"
                  "    n = 0\n"
                  "    while True:\n"
                  "        n += 1\n"
                  "async def main():\n"
                  "    await asyncio.create_task(spin(), name='spinner')\n"
                  "asyncio.run(main())\n");
        writeFile(dir.filePath("hugesum.py"),
                  "import asyncio\n"
                  "async def main():\n"
                  "    print(sum(range(10**12)))\n"
                  "asyncio.run(main())\n");
        writeFile(dir.filePath("bad.py"), "import asyncio\nasync def f(:\n    pass\n");
        writeFile(dir.filePath("sleeper.py"),
                  "import asyncio\n"
                  "\n"
                  "\n"
                  "async def main():\n"
                  "    print(\"started\")\n"
                  "    try:\n"
                  "        await asyncio.sleep(30)\n"
                  "    finally:\n"
                  "        print(\"cleanup in finally\")\n"
                  "\n"
                  "asyncio.run(main())\n");
        writeFile(dir.filePath("forever.py"),
                  "import asyncio\n"
                  "async def main():\n"
                  "    asyncio.get_running_loop().call_soon(lambda: 1 / 0)\n"
                  "    await asyncio.sleep(0)\n"
                  "    print('still in the stdout buffer')\n"
                  "    while True:\n"
                  "        await asyncio.sleep(1)\n"
                  "asyncio.run(main())\n");
        writeFile(dir.filePath("fails.py"),
                  "import asyncio\n"
                  "async def main():\n"
                  "    raise ValueError('boom')\n"
                  "asyncio.run(main())\n");
    }

    void versionAndHelpNameEveryCommand()
    {
        const Result v = loopscope({"--version"});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.startsWith("loopscope "));
        const Result h = loopscope({"--help"});
        QCOMPARE(h.exitCode, 0);
        for (const char* word : {"run FILE.py", "export", "demos", "--timeout", "--trace", "--theme"})
            QVERIFY2(h.out.contains(QLatin1String(word)), word);
    }

    void runPrintsWhatTheProgramPrints()
    {
        const Result r = loopscope({"run", dir.filePath("ok.py")});
        QCOMPARE(r.err, QString());
        QCOMPARE(r.out, QStringLiteral("[20, 10]\n"));
        QCOMPARE(r.exitCode, 0);
    }

    void runReportsErrorsInPythonsForm()
    {
        const Result r = loopscope({"run", "fails.py"}, dir.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("Traceback (most recent call last):\n"), qPrintable(r.err));
        QVERIFY2(r.err.contains("fails.py\", line 3, in main\n    raise ValueError('boom')\n"), qPrintable(r.err));
        QVERIFY2(r.err.endsWith("ValueError: boom\n"), qPrintable(r.err));

        const Result s = loopscope({"run", "bad.py"}, dir.path());
        QCOMPARE(s.exitCode, 1);
        QVERIFY2(s.err.contains("bad.py\", line 2"), qPrintable(s.err));
        QVERIFY2(s.err.contains("SyntaxError"), qPrintable(s.err));
    }

    void runTimeoutStopsAProgramThatNeverAwaits()
    {
        const Result r = loopscope({"run", dir.filePath("spin.py"), "--timeout", "0.5"});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("spinner"), qPrintable(r.err));
        QVERIFY2(r.err.contains("line 4") || r.err.contains("line 5") || r.err.contains(":4") || r.err.contains(":5"),
                 qPrintable(r.err));
    }

    // Regression: one builtin call looping natively (sum over a huge range) ignored
    // --timeout and ran for hours.
    void runTimeoutStopsALongBuiltinCall()
    {
        const Result r = loopscope({"run", dir.filePath("hugesum.py"), "--timeout", "0.5"});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("Task-1 at line 3"), qPrintable(r.err));
    }

    // CPython 3.11's asyncio.run on SIGINT: the main task is cancelled (its finally runs),
    // then asyncio.run raises KeyboardInterrupt; the process ends as by SIGINT (130).
    void runCtrlCCancelsTheMainTaskAsAsyncioRunDoes()
    {
        const QString trace = dir.filePath("interrupted.json");
        Child c(program(), {"run", "--realtime", "sleeper.py", "--trace", trace}, dir.path());
        QVERIFY2(c.waitFor(QProcess::StandardOutput, "started\n"), c.err.constData());
        c.signal(SIGINT);
        QCOMPARE(c.finish(), 130);
        QCOMPARE(QString::fromUtf8(c.out), QStringLiteral("started\ncleanup in finally\n"));
        const QString file = dir.filePath("sleeper.py");
        // What python3 prints for this program (runners.py/tasks.py frames left out).
        QCOMPARE(QString::fromUtf8(c.err), QStringLiteral("Traceback (most recent call last):\n"
                                                         "  File \"%1\", line 7, in main\n"
                                                         "    await asyncio.sleep(30)\n"
                                                         "asyncio.exceptions.CancelledError\n"
                                                         "\n"
                                                         "During handling of the above exception, another exception occurred:\n"
                                                         "\n"
                                                         "Traceback (most recent call last):\n"
                                                         "  File \"%1\", line 11, in <module>\n"
                                                         "    asyncio.run(main())\n"
                                                         "KeyboardInterrupt\n")
                                              .arg(file));
        // The trace of the interrupted run is written, and reads back.
        QString error;
        QVERIFY2(readTraceJsonFile(trace, &error), qPrintable(error));
    }

    void runCtrlCPrintsWhatPython3Prints()
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            QSKIP("python3 is not installed");
        // -u: CPython writes each line as printed, as `loopscope run --realtime` does.
        Child py(python, {"-u", "sleeper.py"}, dir.path());
        QVERIFY2(py.waitFor(QProcess::StandardOutput, "started\n"), py.err.constData());
        py.signal(SIGINT);
        QCOMPARE(py.finish(), -1);  // CPython re-raises SIGINT to die by it; a shell shows 130

        Child ls(program(), {"run", "--realtime", "sleeper.py"}, dir.path());
        QVERIFY2(ls.waitFor(QProcess::StandardOutput, "started\n"), ls.err.constData());
        ls.signal(SIGINT);
        QCOMPARE(ls.finish(), 130);
        QCOMPARE(ls.out, py.out);
        QCOMPARE(QString::fromUtf8(ls.err), withoutStdlibFrames(QString::fromUtf8(py.err)));
    }

    void runSecondCtrlCStopsAtOnce()
    {
        writeFile(dir.filePath("stubborn.py"),
                  "import asyncio\n"
                  "async def main():\n"
                  "    try:\n"
                  "        print('started')\n"
                  "        await asyncio.sleep(30)\n"
                  "    except asyncio.CancelledError:\n"
                  "        print('cleaning up slowly')\n"
                  "        await asyncio.sleep(30)\n"
                  "asyncio.run(main())\n");
        Child c(program(), {"run", "--realtime", "stubborn.py"}, dir.path());
        QVERIFY2(c.waitFor(QProcess::StandardOutput, "started\n"), c.err.constData());
        c.signal(SIGINT);
        QVERIFY2(c.waitFor(QProcess::StandardOutput, "cleaning up slowly\n"), c.err.constData());
        c.signal(SIGINT);
        QCOMPARE(c.finish(), 130);
        QCOMPARE(QString::fromUtf8(c.out), QStringLiteral("started\ncleaning up slowly\n"));
        QVERIFY2(c.err.contains("stopped at once: task Task-1 at line 8"), c.err.constData());
        QVERIFY2(c.err.endsWith("KeyboardInterrupt\n"), c.err.constData());
    }

    // Module code running outside any loop gets KeyboardInterrupt where it is, as in CPython.
    void runCtrlCInterruptsModuleCodeWhereItIs()
    {
        writeFile(dir.filePath("spin_module.py"),
                  "print('spinning')\n"
                  "n = 0\n"
                  "try:\n"
                  "    while True:\n"
                  "        n += 1\n"
                  "except KeyboardInterrupt:\n"
                  "    print('caught')\n"
                  "    raise\n");
        Child c(program(), {"run", "--realtime", "spin_module.py"}, dir.path());
        QVERIFY2(c.waitFor(QProcess::StandardOutput, "spinning\n"), c.err.constData());
        c.signal(SIGINT);
        QCOMPARE(c.finish(), 130);
        QCOMPARE(QString::fromUtf8(c.out), QStringLiteral("spinning\ncaught\n"));
        QVERIFY2(c.err.startsWith("Traceback (most recent call last):\n"), c.err.constData());
        QVERIFY2(c.err.contains("spin_module.py\", line "), c.err.constData());
        QVERIFY2(c.err.endsWith(", in <module>\n    while True:\nKeyboardInterrupt\n") ||
                     c.err.endsWith(", in <module>\n    n += 1\nKeyboardInterrupt\n"),
                 c.err.constData());
    }

    void runSigtermStillFlushesWhatWasPrinted()
    {
        // On the virtual clock, stdout to a pipe is buffered: the line is still in the
        // buffer when the error report (stderr, written at once) says the run is under way.
        Child c(program(), {"run", "forever.py"}, dir.path());
        QVERIFY2(c.waitFor(QProcess::StandardError, "ZeroDivisionError"), c.err.constData());
        c.signal(SIGTERM);
        QCOMPARE(c.finish(), 143);
        QCOMPARE(QString::fromUtf8(c.out), QStringLiteral("still in the stdout buffer\n"));
        QVERIFY2(c.err.contains("terminated (SIGTERM)"), c.err.constData());
    }

    void runBadUsageExitsTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no file") << QStringList{"run"} << "FILE";
        QTest::newRow("missing file") << QStringList{"run", "/nonexistent/x.py"} << "cannot open";
        QTest::newRow("unknown option") << QStringList{"run", "ok.py", "--fast"} << "--fast";
        QTest::newRow("bad timeout") << QStringList{"run", "ok.py", "--timeout", "soon"} << "soon";
        QTest::newRow("negative timeout") << QStringList{"run", "ok.py", "--timeout", "-1"} << "-1";
        QTest::newRow("trace not json") << QStringList{"run", "ok.py", "--trace", "out.txt"} << ".json";
        QTest::newRow("unknown command") << QStringList{"frobnicate", "x"} << "usage";
    }
    void runBadUsageExitsTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = loopscope(args, dir.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void helpForEachCommandExitsZero()
    {
        const Result r = loopscope({"run", "--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("usage: loopscope run"), qPrintable(r.out));
        QVERIFY(r.out.contains("--demo NAME"));
        QCOMPARE(r.err, QString());
        const Result e = loopscope({"export", "-h"});
        QCOMPARE(e.exitCode, 0);
        QVERIFY2(e.out.startsWith("usage: loopscope export"), qPrintable(e.out));
        QVERIFY(e.out.contains("--timeout"));
    }

    // Every usage error the README lists exits 2 and names the problem, before any run.
    void outputProblemsAreUsageErrorsFoundBeforeTheRun_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("export -o dir/") << QStringList{"export", "ok.py", "-o", "sub/"} << "sub/: is a directory";
        QTest::newRow("export -o existing dir") << QStringList{"export", "ok.py", "-o", "sub"} << "sub: is a directory";
        QTest::newRow("export -o missing folder") << QStringList{"export", "ok.py", "-o", "nodir/x.png"} << "nodir/x.png: No such file or directory";
        QTest::newRow("export -o under a file") << QStringList{"export", "ok.py", "-o", "ok.py/x.svg"} << "Not a directory";
        QTest::newRow("export missing trace") << QStringList{"export", "gone.json", "-o", "x.png"} << "cannot open 'gone.json'";
        QTest::newRow("export missing program") << QStringList{"export", "gone.py", "-o", "x.png"} << "cannot open 'gone.py'";
        QTest::newRow("run --trace missing folder") << QStringList{"run", "ok.py", "--trace", "nodir/t.json"} << "nodir/t.json: No such file";
        QTest::newRow("run --trace dir/") << QStringList{"run", "ok.py", "--trace", "sub/"} << "is a directory";
        QTest::newRow("run a directory") << QStringList{"run", "sub"} << "Is a directory";
        QTest::newRow("run --demo unknown") << QStringList{"run", "--demo", "nope"} << "08_semaphore_fetches";
        QTest::newRow("run file and demo") << QStringList{"run", "ok.py", "--demo", "x"} << "not both";
    }
    void outputProblemsAreUsageErrorsFoundBeforeTheRun()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QVERIFY(QDir(dir.path()).mkpath("sub"));
        const Result r = loopscope(args, dir.path());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.out, QString());  // the program never ran
        QVERIFY(!QFile::exists(dir.filePath("x.png")));
    }

    // `loopscope FILE` checks FILE before Qt looks for a display (none here).
    void windowFileIsCheckedBeforeTheWindow()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(QLatin1String(name));
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(dir.path());
        writeFile(dir.filePath("notes.txt"), "hello\n");
        for (const auto& [arg, message] : {std::pair{"frobnicate", "loopscope: frobnicate: No such file or directory\n"},
                                           std::pair{"notes.txt", "loopscope: notes.txt: not a Python program (.py) or a trace (.json)"}}) {
            p.start(program(), {QLatin1String(arg)});
            QVERIFY(p.waitForFinished(60000));
            QCOMPARE(p.exitStatus(), QProcess::NormalExit);
            QCOMPARE(p.exitCode(), 2);
            const QString err = QString::fromUtf8(p.readAllStandardError());
            QVERIFY2(err.startsWith(QLatin1String(message)), qPrintable(err));
        }
    }

    void runDemoRunsABuiltInDemo()
    {
        const Result d = loopscope({"run", "--demo", "08_semaphore_fetches"});
        QCOMPARE(d.exitCode, 0);
        const Result f = loopscope({"run", QStringLiteral(LOOPSCOPE_SOURCE_DIR "/resources/demos/08_semaphore_fetches.py")});
        QCOMPARE(f.exitCode, 0);
        QVERIFY(!d.out.isEmpty());
        QCOMPARE(d.out, f.out);
        QVERIFY(loopscope({"demos"}).out.contains("loopscope run --demo NAME"));
    }

    // A program that never ends is stopped at the window's limits: export draws what it
    // recorded until then, a --trace run writes it; both say so and exit 3.
    void neverEndingProgramsStopAtTheRunLimits()
    {
        writeFile(dir.filePath("ticks.py"),
                  "import asyncio\n"
                  "async def main():\n"
                  "    while True:\n"
                  "        await asyncio.sleep(1)\n"
                  "asyncio.run(main())\n");
        const QString png = dir.filePath("ticks.png");
        const Result e = loopscope({"export", "ticks.py", "-o", png}, dir.path());
        QCOMPARE(e.exitCode, 3);
        QVERIFY2(e.err.contains("still running after 600 s of loop time"), qPrintable(e.err));
        QVERIFY(!QImage(png).isNull());

        const QString trace = dir.filePath("ticks.json");
        const Result r = loopscope({"run", "ticks.py", "--trace", trace, "--timeout", "60"}, dir.path());
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("600 s of loop time"), qPrintable(r.err));
        QVERIFY2(r.err.contains("the trace holds the run until then"), qPrintable(r.err));
        QString error;
        const std::unique_ptr<aio::Recorder> rec = readTraceJsonFile(trace, &error);
        QVERIFY2(rec, qPrintable(error));
        QVERIFY(rec->size() > 600);
        QVERIFY(QFile(trace).size() < 10'000'000);

        // --timeout on export: a program that never awaits is stopped, and still drawn.
        const Result t = loopscope({"export", "spin.py", "-o", dir.filePath("spin.png"), "--timeout", "0.5"}, dir.path());
        QCOMPARE(t.exitCode, 3);
        QVERIFY2(t.err.contains("timed out after 0.5 s"), qPrintable(t.err));
        QVERIFY(!QImage(dir.filePath("spin.png")).isNull());
    }

    void runTraceWritesATraceLoopscopeReadsBack()
    {
        const QString trace = dir.filePath("ok.json");
        const Result r = loopscope({"run", dir.filePath("ok.py"), "--trace", trace});
        QCOMPARE(r.exitCode, 0);
        QString error;
        const std::unique_ptr<aio::Recorder> rec = readTraceJsonFile(trace, &error);
        QVERIFY2(rec, qPrintable(error));
        QVERIFY(rec->size() > 10);

        // The trace exports like the program it came from.
        const QString png = dir.filePath("from-trace.png");
        const Result e = loopscope({"export", trace, "-o", png, "--width", "800"});
        QCOMPARE(e.exitCode, 0);
        QCOMPARE(QImage(png).width(), 800);
    }

    void demosListsTheCatalogue()
    {
        const Result r = loopscope({"demos"});
        QCOMPARE(r.exitCode, 0);
        const QStringList demoFiles = QDir(QStringLiteral(LOOPSCOPE_SOURCE_DIR "/resources/demos")).entryList({"*.py"});
        QVERIFY(demoFiles.size() >= 20);
        for (const QString& f : demoFiles)
            QVERIFY2(r.out.contains(f.chopped(3)), qPrintable(f));
        QCOMPARE(loopscope({"demos", "extra"}).exitCode, 2);
    }

    void exportDemoToEachFormat()
    {
        for (const char* ext : {"png", "svg", "pdf", "json"}) {
            const QString out = dir.filePath(QStringLiteral("sem.") + QLatin1String(ext));
            const Result r = loopscope({"export", "--demo", "08_semaphore_fetches", "-o", out});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
            QVERIFY(QFile(out).size() > 1000);
        }
        QImage png(dir.filePath("sem.png"));
        QVERIFY(!png.isNull());
    }

    void exportErrorsLeaveNoFile()
    {
        const QString out = dir.filePath("none.png");
        QCOMPARE(loopscope({"export", "--demo", "no_such_demo", "-o", out}).exitCode, 2);
        QCOMPARE(loopscope({"export", dir.filePath("ok.py"), "-o", dir.filePath("x.gif")}).exitCode, 2);
        QCOMPARE(loopscope({"export", dir.filePath("ok.py"), "-o", out, "--theme", "sepia"}).exitCode, 2);
        const Result s = loopscope({"export", dir.filePath("bad.py"), "-o", out});
        QCOMPARE(s.exitCode, 1);
        QVERIFY(s.err.contains("SyntaxError"));
        QVERIFY(!QFile::exists(out));

        // A corrupt trace names where it is broken and leaves the existing output alone.
        writeFile(dir.filePath("corrupt.json"), "{\"traceEvents\": [\n  {\"ph\": \"X\",, }\n");
        writeFile(dir.filePath("keep.png"), "precious");
        const Result c = loopscope({"export", dir.filePath("corrupt.json"), "-o", dir.filePath("keep.png")});
        QCOMPARE(c.exitCode, 1);
        QVERIFY2(c.err.contains("corrupt.json:2:"), qPrintable(c.err));
        QFile keep(dir.filePath("keep.png"));
        QVERIFY(keep.open(QIODevice::ReadOnly));
        QCOMPARE(keep.readAll(), QByteArray("precious"));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "test_command_line.moc"
