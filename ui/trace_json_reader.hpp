// Reads a trace file written by writeTraceJson() back into an aio::Recorder holding the
// very events of the run that wrote it (so its TimelineModel is the same). Only the
// "loopscope" section is used; the Chrome trace events beside it are checked for JSON
// syntax and skipped. Corrupt or foreign files give a message naming the place
// ("trace.json:12:40: event 7: unknown kind \"jump\""), never a crash.
// Why its own scanner rather than QJsonDocument: that would build every Chrome event of a
// large trace as objects only to drop them, and could not say which event an error is in.
// Threading: reentrant; the returned recorder belongs to the caller.
#pragma once

#include <engine/recorder.hpp>

#include <QByteArray>
#include <QString>

#include <memory>

struct TraceJsonInfo {
    QString title;
    QString generator;
    int version = 0;
};

// `sourceName` starts error messages (a file name); "trace" when empty.
std::unique_ptr<aio::Recorder> readTraceJson(const QByteArray& json, QString* error, TraceJsonInfo* info = nullptr,
                                             const QString& sourceName = QString());
std::unique_ptr<aio::Recorder> readTraceJsonFile(const QString& path, QString* error, TraceJsonInfo* info = nullptr);
