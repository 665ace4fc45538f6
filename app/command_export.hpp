// The `loopscope export` command, after the run: given the parsed options and the recorder
// of a finished run, writes the picture (PNG, SVG, PDF) or the trace (JSON). Running
// FILE.py or the demo to get the recorder is the caller's job.
// Threading: the thread that owns the recorder's reader side; pictures need a
// QGuiApplication (the offscreen platform will do).
#pragma once

#include <app/export_options.hpp>

#include <engine/recorder.hpp>

#include <QString>

// Returns the exit status: 0 written; 2 not written, with the message in *error: the
// output path cannot be written, --from lies past the end of the run, or the picture would
// be too large (all things the user fixes on the command line). Nothing is left at the
// output path on failure, and an existing file there is left as it was.
int exportRecording(const aio::Recorder& recorder, const ExportOptions& options, QString* error);

// The same, from a trace file written earlier (`loopscope export run.json -o run.png`).
// Exit status 1 when the trace cannot be read (corrupt), with a message naming file, line
// and column.
int exportTraceFile(const QString& tracePath, const ExportOptions& options, QString* error);

// `loopscope export ...` from the command line (`args`: the words after "export"): runs
// FILE.py or the demo headless on the virtual clock (or reads a .json trace), then writes the
// output. The program's stdout is dropped, its errors go to stderr; a program that never
// ends is stopped at RunLimits (or --timeout) and what it recorded is exported. Exit status:
// 0 written; 1 the program could not run (syntax error) or the trace is corrupt; 2 bad usage
// (unknown option or demo, bad value, unreadable input, output that cannot be written);
// 3 written, but the program was stopped by --timeout or a run limit first (said on stderr).
// Needs a QGuiApplication.
int exportCommand(const QStringList& args);
