// `loopscope run FILE.py|--demo NAME [--realtime] [--timeout SECONDS] [--trace OUT.json]`:
// runs a program headless and prints what it prints. Exit 0 ok, 1 program error or
// deadlock, 2 bad usage, 3 stopped by --timeout or by a run limit (--trace), 130 Ctrl+C
// (KeyboardInterrupt, as CPython), 143 SIGTERM. Ctrl+C is taken as CPython's asyncio.run
// takes it (the main task is cancelled, its finally blocks run); a second one stops at once.
// Whatever way the run ends, what the program printed reaches stdout and --trace is written.
// Threading: the main thread, plus a watchdog thread for --timeout and one for signals,
// which only call ScriptRun::request_stop / request_interrupt.
#pragma once

#include <QString>
#include <QStringList>

struct RunCommandOptions {
    QString file;               // FILE.py, or empty with --demo
    QString demo;               // --demo NAME
    bool realtime = false;
    double timeoutSeconds = 0;  // 0: none
    QString tracePath;          // empty: none
    bool help = false;          // --help / -h: print the usage, nothing else is checked
};

// Parses the arguments after "run". On bad usage returns false with `error` set.
bool parseRunArguments(const QStringList& args, RunCommandOptions& options, QString& error);

// The usage text of the run command.
QString runUsage();

// Runs the command; `args` are the arguments after "run". Returns the exit status.
int runCommand(const QStringList& args);
