// RunTimeout: `--timeout SECONDS` for a command-line run. A thread waits for the limit or
// for the run's end, whichever comes first, and on the limit asks the run to stop
// (ScriptRun::request_stop, exit 3). Threading: construct, finish() and destroy on the
// run's thread; the waiting thread only calls request_stop().
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

namespace script {
class ScriptRun;
}

class RunTimeout {
public:
    // `seconds` <= 0: no limit (no thread).
    RunTimeout(script::ScriptRun& run, double seconds);
    ~RunTimeout();
    RunTimeout(const RunTimeout&) = delete;
    RunTimeout& operator=(const RunTimeout&) = delete;

    // The run has ended: the thread goes. Call before destroying the run.
    void finish();
    // The limit was reached and the run asked to stop.
    bool fired() const;

private:
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    bool done_ = false;
    bool fired_ = false;
    std::thread thread_;
};
