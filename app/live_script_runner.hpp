// LiveScriptRunner: runs a Python program live instead of ahead of time. The program runs
// with script::ScriptRun on the Qt bridge's LoopThread (a worker thread of its own) and
// records into the session's Recorder exactly as the runner that runs ahead does, so the
// trace is the same; but its loop is paced: on the virtual clock the driver plays virtual
// time against the wall clock at the session's speed, so pause, speed, step and run to the
// end act on the running program itself; on the wall clock it runs in real time, like
// `loopscope run --realtime` (no pause, step or speed). A program that never ends runs
// until stop().
// Threading: make, start, control and destroy it on one thread (the session's, the GUI
// thread); stop() may be called from any thread. The Sink is called from the worker.
#pragma once

#include <app/run_session.hpp>

#include <memory>

class LiveScriptRunner final : public ProgramRunner {
public:
    enum class Clock {
        PacedVirtual,  // virtual time, played against the wall clock at a speed
        WallClock,     // the real clock
    };

    explicit LiveScriptRunner(Clock clock);
    ~LiveScriptRunner() override;  // stops the program and joins the worker

    // This build has the script runner and the Qt bridge.
    static bool isAvailable();

    Clock clock() const { return clock_; }

    void start(const QString& source, const QString& fileName, aio::Recorder& recorder, Sink sink) override;
    // Any thread. Ends the program soon, even one stuck in a callback that never awaits,
    // and even while paused (the stop runs at the current time: the clock does not move).
    void stop() override;

    bool isPaced() const override { return true; }
    bool isRealTime() const override { return clock_ == Clock::WallClock; }
    void setSpeed(double speed) override;
    void setPaused(bool paused) override;
    void stepOnce() override;
    void runToEnd() override;
    qint64 currentTime() const override;

    // The program's time flows (not paused, not between steps); false before start and
    // after the end. Once this reads false after setPaused(true), nothing more is recorded
    // until the program is resumed or stepped.
    bool isPlaying() const;
    // Steps (stepOnce) that have landed: the program ran up to its next event and waits.
    int stepsFinished() const;

private:
    bool controllable() const;

    struct Impl;
    const Clock clock_;
    std::unique_ptr<Impl> impl_;
};
