#include <app/command_export.hpp>

#include <ui/timeline_export.hpp>
#include <ui/timeline_model.hpp>
#include <ui/trace_json_reader.hpp>
#include <ui/trace_json_writer.hpp>

#include <QFileInfo>

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
