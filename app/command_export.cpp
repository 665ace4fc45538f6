#include <app/command_export.hpp>

#include <app/command_demos.hpp>
#include <app/command_output_path.hpp>
#include <app/command_recording.hpp>
#include <app/command_timeout.hpp>
#include <script/runtime/script_run.hpp>

#include <ui/timeline_export.hpp>
#include <ui/timeline_model.hpp>
#include <ui/trace_json_reader.hpp>
#include <ui/trace_json_writer.hpp>

#include <QFile>
#include <QFileInfo>

#include <cstdio>

#include <cmath>

namespace {

qint64 toNs(double seconds)
{
    return seconds < 0 ? -1 : qint64(std::llround(seconds * 1e9));
}

int exportWithTitle(const aio::Recorder& recorder, const ExportOptions& options, const QString& title, QString* error)
{
    if (options.format == ExportOptions::Format::Json) {
        TraceJsonWriteOptions w;
        w.title = title;
#ifdef LOOPSCOPE_VERSION
        w.generator = QStringLiteral("loopscope " LOOPSCOPE_VERSION);
#endif
        return writeTraceJsonFile(recorder, options.output, w, error) ? 0 : 2;
    }
    TimelineModel model(recorder);
    model.update();
    TimelineExportOptions e;
    e.width = options.width;
    e.height = options.height;
    e.scale = options.scale;
    e.theme = TimelineTheme::byName(options.theme);
    e.from = toNs(options.fromSeconds);
    e.to = toNs(options.toSeconds);
    if (e.from >= 0 && e.to < 0 && e.from >= model.endTime()) {
        if (error)
            *error = QStringLiteral("export: --from %1 is past the end of the run (%2)")
                         .arg(options.fromSeconds)
                         .arg(TimelinePainter::formatTime(model.endTime()));
        return 2;
    }
    e.showResources = options.showResources;
    e.title = title;
    const TimelineExport page(model, e);
    return page.save(options.output, error) ? 0 : 2;
}

}  // namespace

int exportRecording(const aio::Recorder& recorder, const ExportOptions& options, QString* error)
{
    const QString title = options.title.isEmpty() ? options.sourceName() : options.title;
    return exportWithTitle(recorder, options, title, error);
}

int exportTraceFile(const QString& tracePath, const ExportOptions& options, QString* error)
{
    TraceJsonInfo info;
    const std::unique_ptr<aio::Recorder> rec = readTraceJsonFile(tracePath, error, &info);
    if (!rec)
        return 1;
    QString title = options.title;
    if (title.isEmpty())
        title = info.title.isEmpty() ? QFileInfo(tracePath).fileName() : info.title;
    return exportWithTitle(*rec, options, title, error);
}

int exportCommand(const QStringList& args)
{
    QString error;
    const std::optional<ExportOptions> options = parseExportOptions(args, &error);
    if (!options) {
        std::fprintf(stderr, "loopscope %s\n%s", qPrintable(error), qPrintable(exportUsage()));
        return 2;
    }
    if (options->help) {
        std::printf("%s", qPrintable(exportUsage()));
        return 0;
    }
    // Before any work: a typo in -o should not cost a whole run.
    if (const QString problem = outputPathProblem(options->output); !problem.isEmpty()) {
        std::fprintf(stderr, "loopscope export: %s\n", qPrintable(problem));
        return 2;
    }
    QFile input(options->script);
    if (options->demo.isEmpty() && (QFileInfo(options->script).isDir() || !input.open(QIODevice::ReadOnly))) {
        std::fprintf(stderr, "loopscope export: cannot open '%s': %s\n", qPrintable(options->script),
                     QFileInfo(options->script).isDir() ? "Is a directory" : qPrintable(input.errorString()));
        return 2;
    }
    if (options->demo.isEmpty() && options->script.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
        input.close();
        const int code = exportTraceFile(options->script, *options, &error);
        if (code != 0)
            std::fprintf(stderr, "loopscope export: %s\n", qPrintable(error));
        return code;
    }

    QString source, filename;
    if (!options->demo.isEmpty()) {
        const std::optional<Demo> demo = findDemoByName(options->demo, &error);
        if (!demo) {
            std::fprintf(stderr, "loopscope export: %s\n", qPrintable(error));
            return 2;
        }
        source = demo->source;
        filename = demo->name + QLatin1String(".py");
    } else {
        source = QString::fromUtf8(input.readAll());
        filename = QFileInfo(options->script).absoluteFilePath();
    }

    LimitedRecording recording(true);
    script::RunOptions run_options;
    run_options.tracer = &recording;
    run_options.on_stdout = [](std::string_view, double) {};
    run_options.on_stderr = [](std::string_view text, double) { std::fwrite(text.data(), 1, text.size(), stderr); };
    bool syntax_error = false;
    bool timedOut = false;
    {
        script::ScriptRun run(source.toStdString(), filename.toStdString(), run_options);
        recording.setOnLimit([&run] { run.request_stop(); });
        RunTimeout timeout(run, options->timeoutSeconds);
        run.run_to_end();
        timeout.finish();
        timedOut = timeout.fired();
        for (const script::Diagnostic& d : run.diagnostics())
            syntax_error = syntax_error || d.kind == script::Diagnostic::Kind::syntax;
    }
    if (syntax_error)
        return 1;  // nothing ran, so there is nothing to draw; the error is on stderr
    // A program that failed, deadlocked or was stopped still has a timeline worth drawing.
    ExportOptions drawn = *options;
    QString stopped;
    if (recording.limitHit() != LimitedRecording::Limit::None) {
        stopped = QStringLiteral("stopped: %1 Exporting what it recorded until then.").arg(recording.limitMessage());
        if (drawn.title.isEmpty())
            drawn.title = drawn.sourceName() + QStringLiteral(" (stopped at the run limit)");
    } else if (timedOut) {
        stopped = QStringLiteral("timed out after %1 s; exporting what the program recorded until then.").arg(options->timeoutSeconds);
        if (drawn.title.isEmpty())
            drawn.title = drawn.sourceName() + QStringLiteral(" (stopped by --timeout %1)").arg(options->timeoutSeconds);
    }
    if (!stopped.isEmpty())
        std::fprintf(stderr, "loopscope export: %s\n", qPrintable(stopped));
    const int code = exportRecording(recording.recorder(), drawn, &error);
    if (code != 0) {
        std::fprintf(stderr, "loopscope export: %s\n", qPrintable(error));
        return code;
    }
    return stopped.isEmpty() ? 0 : 3;
}
