// Writes a recorded run as a Chrome Trace Event JSON file that Perfetto and
// chrome://tracing open: a track per task (named after it), per worker thread and for the
// loop, a complete slice per state, wake-up flows, resource counters, instant markers.
// The same file carries the raw engine events under the top-level key "loopscope", so
// readTraceJson() rebuilds the exact recorder (see trace_json_reader.hpp).
// Threading: any one thread; the recorder may still be growing on the loop's thread, only
// the prefix published when the call starts is written.
#pragma once

#include <engine/recorder.hpp>

#include <QByteArray>
#include <QString>

class QIODevice;

struct TraceJsonWriteOptions {
    QString title;      // the process name Perfetto shows ("Loopscope: <title>")
    QString generator;  // e.g. "loopscope 0.1.0"
};

// Current version of the "loopscope" section; readers refuse newer ones.
inline constexpr int kTraceJsonVersion = 1;

bool writeTraceJson(const aio::Recorder& recorder, QIODevice& out, const TraceJsonWriteOptions& options, QString* error);
QByteArray traceJson(const aio::Recorder& recorder, const TraceJsonWriteOptions& options = {});
// Atomic (QSaveFile): on failure no half file is left and an existing file is untouched.
bool writeTraceJsonFile(const aio::Recorder& recorder, const QString& path, const TraceJsonWriteOptions& options,
                        QString* error);
