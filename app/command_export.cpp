#include <app/command_export.hpp>

#include <app/demo_catalog.hpp>
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
        return writeTraceJsonFile(recorder, options.output, w, error) ? 0 : 1;
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
        return 1;
    }
    e.showResources = options.showResources;
    e.title = title;
    const TimelineExport page(model, e);
    return page.save(options.output, error) ? 0 : 1;
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
    if (options->demo.isEmpty() && options->script.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
        const int code = exportTraceFile(options->script, *options, &error);
        if (code != 0)
            std::fprintf(stderr, "loopscope export: %s\n", qPrintable(error));
        return code;
    }

    QString source, filename;
    if (!options->demo.isEmpty()) {
        DemoCatalog::ensureResources();
        const QList<Demo> demos = DemoCatalog::load();
        const Demo demo = DemoCatalog::find(demos, options->demo);
        if (demo.path.isEmpty()) {
            QStringList names;
            for (const Demo& d : demos)
                names << d.name;
            std::fprintf(stderr, "loopscope export: no demo called '%s'; the demos are: %s\n", qPrintable(options->demo),
                         qPrintable(names.join(QLatin1String(", "))));
            return 2;
        }
        source = demo.source;
        filename = demo.name + QLatin1String(".py");
    } else {
        QFile file(options->script);
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "loopscope export: cannot open '%s': %s\n", qPrintable(options->script), qPrintable(file.errorString()));
            return 2;
        }
        source = QString::fromUtf8(file.readAll());
        filename = QFileInfo(options->script).absoluteFilePath();
    }

    aio::Recorder recorder;
    script::RunOptions run_options;
    run_options.tracer = &recorder;
    run_options.on_stdout = [](std::string_view, double) {};
    run_options.on_stderr = [](std::string_view text, double) { std::fwrite(text.data(), 1, text.size(), stderr); };
    bool syntax_error = false;
    {
        script::ScriptRun run(source.toStdString(), filename.toStdString(), run_options);
        run.run_to_end();
        for (const script::Diagnostic& d : run.diagnostics())
            syntax_error = syntax_error || d.kind == script::Diagnostic::Kind::syntax;
    }
    if (syntax_error)
        return 1;  // nothing ran, so there is nothing to draw; the error is on stderr
    // A program that failed or deadlocked still has a timeline worth drawing.
    const int code = exportRecording(recorder, *options, &error);
    if (code != 0)
        std::fprintf(stderr, "loopscope export: %s\n", qPrintable(error));
    return code;
}
