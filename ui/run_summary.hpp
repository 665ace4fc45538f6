// RunSummary: what a finished (or stopped) run adds up to: how long it took on the loop's
// clock against how much waiting its tasks did (sleeps, time.sleep, thread work), and how
// its tasks ended. "12.0 s of waiting done in 5.0 s" is the lesson of concurrency.
// Computed from a TimelineModel; a plain value type, any thread that owns the model.
#pragma once

#include <ui/timeline_model.hpp>

#include <QString>

struct RunSummary {
    qint64 runTime = 0;       // first to last recorded event, ns
    qint64 sleepTime = 0;     // every task's asyncio.sleep waits, summed
    qint64 blockingTime = 0;  // loop_blocked intervals (time.sleep, heavy work on the loop)
    qint64 threadTime = 0;    // work done in worker threads (to_thread, executors)
    int tasks = 0;
    int done = 0;
    int cancelled = 0;
    int timedOut = 0;
    int failed = 0;
    int unfinished = 0;       // still pending when the recording ends
    bool deadlocked = false;

    qint64 waitingTime() const { return sleepTime + blockingTime + threadTime; }
    // "12.0 s of waiting done in 5.0 s"
    QString headline() const;
    // "4 tasks: 3 done, 1 cancelled" (only the states that occur)
    QString tasksLine() const;
    // The details behind the headline: "sleeps 12.0 s, time.sleep 0.4 s, threads 2.0 s"
    QString breakdown() const;
};

RunSummary summarizeRun(const TimelineModel& model);

// A duration for people: "9.0 s", "1.25 s", "0.4 s", "35 ms", "0 s".
QString formatDuration(qint64 ns);
