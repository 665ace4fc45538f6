// The `loopscope export` command, after the run: given the parsed options and the recorder
// of a finished run, writes the picture (PNG, SVG, PDF) or the trace (JSON). Running
// FILE.py or the demo to get the recorder is the caller's job.
// Threading: the thread that owns the recorder's reader side; pictures need a
// QGuiApplication (the offscreen platform will do).
#pragma once

#include <app/export_options.hpp>

#include <engine/recorder.hpp>

#include <QString>

// Returns the exit status: 0 written; 1 not written (unwritable path, image too large, no
// QGuiApplication), with the message in *error. Nothing is left at the output path on failure.
int exportRecording(const aio::Recorder& recorder, const ExportOptions& options, QString* error);

// The same, from a trace file written earlier (`loopscope export run.json -o run.png`).
// Exit status 1 when the trace cannot be read, with a message naming file, line and column.
int exportTraceFile(const QString& tracePath, const ExportOptions& options, QString* error);

// `loopscope export ...` from the command line (`args`: the words after "export"): runs
// FILE.py or the demo headless on the virtual clock (or reads a .json trace), then writes the
// output. The program's stdout is dropped, its errors go to stderr. Exit status: 0 written;
// 1 the program could not run (syntax error) or the output could not be written; 2 bad usage
// (unknown option or demo, unreadable FILE). Needs a QGuiApplication.
int exportCommand(const QStringList& args);
