// The loopscope program as a user calls it: run, export, demos, their exit statuses and
// messages, and that a failed write never leaves a file behind. Runs build/bin/loopscope.
// Threading: one thread; every call is a child process with a wall-clock limit.
#include <ui/trace_json_reader.hpp>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

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
        writeFile(dir.filePath("bad.py"), "import asyncio\nasync def f(:\n    pass\n");
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
