// `loopscope export`: the command line parsed into options or a clear message, and a
// finished run's recorder written as PNG, SVG, PDF or JSON by exportRecording().
#include <app/command_export.hpp>
#include <app/command_output_path.hpp>
#include <app/command_recording.hpp>
#include <app/export_options.hpp>
#include <script/runtime/script_run.hpp>

#include <ui/timeline_model.hpp>
#include <ui/trace_json_reader.hpp>

#include <engine/engine.hpp>

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// A small real run: two sleepers under main, one prints nothing, one is cancelled.
void record(aio::Recorder& rec)
{
    aio::EventLoop loop;
    loop.set_tracer(&rec);
    auto work = [](double d) -> aio::Task<int> {
        co_await aio::sleep(d);
        co_return 1;
    };
    auto main = [&]() -> aio::Task<int> {
        auto a = loop.create_task(work(1), "short");
        auto b = loop.create_task(work(2), "long");
        co_return co_await a + co_await b;
    };
    loop.run_until_complete(main());
}

QStringList words(const char* line)
{
    return QString::fromUtf8(line).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

}  // namespace

class TestExportCommand : public QObject {
    Q_OBJECT
private slots:
    void parsesAFullCommandLine()
    {
        QString error;
        const auto o = parseExportOptions(
            words("demo.py -o out.PNG --width 1280 --height=720 --scale 2 --theme DARK --from 0.5 --to 2 --no-resources"),
            &error);
        QVERIFY2(o, qPrintable(error));
        QCOMPARE(o->script, QStringLiteral("demo.py"));
        QCOMPARE(o->output, QStringLiteral("out.PNG"));
        QCOMPARE(o->format, ExportOptions::Format::Png);
        QCOMPARE(o->width, 1280);
        QCOMPARE(o->height, 720);
        QCOMPARE(o->scale, 2.0);
        QCOMPARE(o->theme, QStringLiteral("dark"));
        QCOMPARE(o->fromSeconds, 0.5);
        QCOMPARE(o->toSeconds, 2.0);
        QVERIFY(!o->showResources);
        QCOMPARE(o->sourceName(), QStringLiteral("demo.py"));

        const auto d = parseExportOptions(QStringList{QStringLiteral("--demo"), QStringLiteral("semaphore"), QStringLiteral("-o"),
                                                      QStringLiteral("dir/x.json"), QStringLiteral("--title"), QStringLiteral("Two words")},
                                          &error);
        QVERIFY2(d, qPrintable(error));
        QCOMPARE(d->demo, QStringLiteral("semaphore"));
        QCOMPARE(d->format, ExportOptions::Format::Json);
        QCOMPARE(d->title, QStringLiteral("Two words"));
        QCOMPARE(d->sourceName(), QStringLiteral("semaphore"));
        // Defaults.
        const auto plain = parseExportOptions(words("a.py -o a.svg"), &error);
        QVERIFY(plain);
        QCOMPARE(plain->format, ExportOptions::Format::Svg);
        QCOMPARE(plain->width, 0);
        QCOMPARE(plain->height, 0);
        QCOMPARE(plain->scale, 1.0);
        QCOMPARE(plain->theme, QStringLiteral("light"));
        QVERIFY(plain->fromSeconds < 0 && plain->toSeconds < 0);
        QVERIFY(plain->showResources);
        QCOMPARE(parseExportOptions(words("a.py --output=a.pdf"), &error)->format, ExportOptions::Format::Pdf);
    }

    void badCommandLinesSayWhatIsWrong_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("nothing") << "" << "which program?";
        QTest::newRow("no output") << "a.py" << "where to?";
        QTest::newRow("both inputs") << "a.py --demo x -o a.png" << "not both";
        QTest::newRow("two scripts") << "a.py b.py -o a.png" << "one program at a time";
        QTest::newRow("unknown extension") << "a.py -o a.gif" << "unknown output format '.gif'";
        QTest::newRow("no extension") << "a.py -o picture" << "has no extension";
        QTest::newRow("unknown option") << "a.py -o a.png --colour red" << "unknown option '--colour'";
        QTest::newRow("missing value") << "a.py -o a.png --width" << "--width needs a value";
        QTest::newRow("width not a number") << "a.py -o a.png --width wide" << "--width wants a whole number from 200 to 32000, not 'wide'";
        QTest::newRow("width too small") << "a.py -o a.png --width 10" << "--width wants a whole number";
        QTest::newRow("height too big") << "a.py -o a.png --height 99999" << "--height wants a whole number";
        QTest::newRow("scale zero") << "a.py -o a.png --scale 0" << "--scale wants a number";
        QTest::newRow("scale nan") << "a.py -o a.png --scale nan" << "--scale wants a number";
        QTest::newRow("bad theme") << "a.py -o a.png --theme blue" << "--theme is light or dark, not 'blue'";
        QTest::newRow("negative from") << "a.py -o a.png --from -1" << "--from wants a number";
        QTest::newRow("to before from") << "a.py -o a.png --from 2 --to 1" << "--to (1) must be later than --from (2)";
        QTest::newRow("picture options on json") << "a.py -o a.json --width 800" << "apply to pictures, not to a .json trace";
        QTest::newRow("flag with a value") << "a.py -o a.png --no-resources=yes" << "takes no value";
        QTest::newRow("empty demo") << "--demo= -o a.png" << "--demo needs a demo name";
    }

    void badCommandLinesSayWhatIsWrong()
    {
        QFETCH(QString, line);
        QFETCH(QString, message);
        QString error;
        const auto o = parseExportOptions(line.split(QLatin1Char(' '), Qt::SkipEmptyParts), &error);
        QVERIFY(!o);
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY2(error.startsWith(QLatin1String("export: ")), qPrintable(error));
    }

    void exportsEachFormatFromARecording()
    {
        aio::Recorder rec;
        record(rec);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString error;

        auto o = parseExportOptions(QStringList{QStringLiteral("sleepers.py"), QStringLiteral("-o"), dir.filePath(QStringLiteral("t.png")),
                                                QStringLiteral("--width"), QStringLiteral("640"), QStringLiteral("--scale"), QStringLiteral("2")},
                                    &error);
        QVERIFY2(o, qPrintable(error));
        QCOMPARE(exportRecording(rec, *o, &error), 0);
        const QImage png(o->output);
        QCOMPARE(png.width(), 1280);
        QVERIFY(png.height() > 200);

        o->output = dir.filePath(QStringLiteral("t.svg"));
        o->format = ExportOptions::Format::Svg;
        QCOMPARE(exportRecording(rec, *o, &error), 0);
        QFile svg(o->output);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray svgText = svg.readAll();
        QVERIFY(svgText.contains("<title>sleepers.py</title>"));  // the title defaults to the script's name
        QVERIFY(svgText.contains(">long</text>"));

        o->output = dir.filePath(QStringLiteral("t.pdf"));
        o->format = ExportOptions::Format::Pdf;
        QCOMPARE(exportRecording(rec, *o, &error), 0);
        QFile pdf(o->output);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");

        // JSON: the trace reads back into the same events, titled after the script.
        const auto j = parseExportOptions(QStringList{QStringLiteral("sleepers.py"), QStringLiteral("-o"), dir.filePath(QStringLiteral("t.json"))}, &error);
        QVERIFY2(j, qPrintable(error));
        QCOMPARE(exportRecording(rec, *j, &error), 0);
        TraceJsonInfo info;
        const auto back = readTraceJsonFile(j->output, &error, &info);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->size(), rec.size());
        QCOMPARE(info.title, QStringLiteral("sleepers.py"));
        QVERIFY(info.generator.startsWith(QLatin1String("loopscope")));

        // And a picture from that trace file, as `loopscope export t.json -o again.png` would.
        ExportOptions again = *o;
        again.output = dir.filePath(QStringLiteral("again.png"));
        again.format = ExportOptions::Format::Png;
        QCOMPARE(exportTraceFile(j->output, again, &error), 0);
        QCOMPARE(QImage(again.output).size(), png.size());
    }

    void failuresAreMessagesAndLeaveNoFile()
    {
        aio::Recorder rec;
        record(rec);
        QTemporaryDir dir;
        QString error;
        // A file where a directory should be.
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        for (const char* name : {"file/out.png", "file/out.json", "missing-dir/out.svg"}) {
            auto o = parseExportOptions(QStringList{QStringLiteral("a.py"), QStringLiteral("-o"), dir.filePath(QLatin1String(name))}, &error);
            QVERIFY(o);
            error.clear();
            QCOMPARE(exportRecording(rec, *o, &error), 2);
            QVERIFY2(error.contains(o->output), qPrintable(error));
        }
        // --from past the end of the run.
        auto late = parseExportOptions(QStringList{QStringLiteral("a.py"), QStringLiteral("-o"), dir.filePath(QStringLiteral("late.png")),
                                                   QStringLiteral("--from"), QStringLiteral("100")},
                                       &error);
        QVERIFY(late);
        QCOMPARE(exportRecording(rec, *late, &error), 2);
        QVERIFY2(error.contains(QLatin1String("past the end of the run")), qPrintable(error));
        QVERIFY(!QFile::exists(late->output));
        // An existing file survives a failed export untouched.
        const QString keep = dir.filePath(QStringLiteral("keep.png"));
        {
            QFile f(keep);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("old");
        }
        late->output = keep;
        QCOMPARE(exportRecording(rec, *late, &error), 2);
        QFile f(keep);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("old"));
        // A corrupt trace file: the message names the file and the place.
        QFile bad(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"loopscope\": {\"format\": \"loopscope-trace\", \"strings\": [\"\"], \"events\": [[0, \"nope\"");
        bad.close();
        QCOMPARE(exportTraceFile(bad.fileName(), *late, &error), 1);
        QVERIFY2(error.startsWith(bad.fileName() + QStringLiteral(":1:")), qPrintable(error));
    }

    void helpAndDirectoryOutputs()
    {
        QString error;
        const auto help = parseExportOptions(words("--help"), &error);
        QVERIFY(help && help->help);
        QTemporaryDir dir;
        for (const QString& out : {dir.path() + QStringLiteral("/"), dir.path(), QStringLiteral("somewhere/")}) {
            QVERIFY(!parseExportOptions(QStringList{QStringLiteral("a.py"), QStringLiteral("-o"), out}, &error));
            QVERIFY2(error.contains(QLatin1String("is a directory")), qPrintable(error));
        }
        const auto t = parseExportOptions(words("a.py -o a.png --timeout 2.5"), &error);
        QVERIFY2(t, qPrintable(error));
        QCOMPARE(t->timeoutSeconds, 2.5);
        QVERIFY(!parseExportOptions(words("a.py -o a.png --timeout 0"), &error));
    }

    void outputPathProblemsAreNamedBeforeAnyWork()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QCOMPARE(outputPathProblem(dir.filePath(QStringLiteral("ok.png"))), QString());
        QVERIFY(outputPathProblem(dir.filePath(QStringLiteral("file/x.png"))).endsWith(QLatin1String("Not a directory")));
        QVERIFY(outputPathProblem(dir.filePath(QStringLiteral("file/deeper/x.png"))).contains(QLatin1String("Not a directory")));
        QVERIFY(outputPathProblem(dir.filePath(QStringLiteral("none/x.png"))).contains(QLatin1String("No such file or directory")));
        QVERIFY(outputPathProblem(dir.path()).contains(QLatin1String("is a directory")));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("ok.png"))));  // checking writes nothing
    }

    // The window's limits, on a program that never ends: recording stops at the limit,
    // the run is asked to stop, and what was recorded is kept.
    void limitedRecordingStopsANeverEndingRun()
    {
        const std::string neverEnds = "import asyncio\n"
                                    "async def main():\n"
                                    "    while True:\n"
                                    "        await asyncio.sleep(0)\n"
                                    "asyncio.run(main())\n";
        LimitedRecording events(true, 2000);
        script::RunOptions o;
        o.tracer = &events;
        o.on_stdout = o.on_stderr = [](std::string_view, double) {};
        {
            script::ScriptRun run(neverEnds, "forever.py", o);
            events.setOnLimit([&run] { run.request_stop(); });
            QCOMPARE(run.run_to_end(), 3);
        }
        QCOMPARE(events.limitHit(), LimitedRecording::Limit::Events);
        QCOMPARE(events.recorder().size(), std::size_t(2000));
        QVERIFY(events.limitMessage().contains(QLatin1String("2000 events")));

        // Loop time, on the virtual clock: nothing recorded past the limit.
        const std::int64_t second = 1'000'000'000;
        LimitedRecording time(true, RunLimits::kMaxEvents, 30 * second);
        o.tracer = &time;
        {
            script::ScriptRun run("import asyncio\nasync def main():\n    while True:\n        await asyncio.sleep(1)\nasyncio.run(main())\n",
                                  "ticks.py", o);
            time.setOnLimit([&run] { run.request_stop(); });
            QCOMPARE(run.run_to_end(), 3);
        }
        QCOMPARE(time.limitHit(), LimitedRecording::Limit::LoopTime);
        TimelineModel model(time.recorder());
        model.update();
        QVERIFY(model.endTime() <= 30 * second);
        QVERIFY(model.endTime() >= 29 * second);
        QVERIFY(time.limitMessage().contains(QLatin1String("30 s of loop time")));
    }
};

QTEST_MAIN(TestExportCommand)
#include "test_export_command.moc"
