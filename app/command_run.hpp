// `loopscope run FILE.py [--realtime] [--timeout SECONDS] [--trace OUT.json]`: runs a
// program headless and prints what it prints. Exit 0 ok, 1 program error or deadlock,
// 2 bad usage, 3 stopped by --timeout. Threading: the main thread (plus a watchdog
// thread for --timeout that only calls ScriptRun::request_stop).
#pragma once

#include <QString>
#include <QStringList>

struct RunCommandOptions {
    QString file;
    bool realtime = false;
    double timeoutSeconds = 0;  // 0: none
    QString tracePath;          // empty: none
};

// Parses the arguments after "run". On bad usage returns false with `error` set.
bool parseRunArguments(const QStringList& args, RunCommandOptions& options, QString& error);

// Runs the command; `args` are the arguments after "run". Returns the exit status.
int runCommand(const QStringList& args);
