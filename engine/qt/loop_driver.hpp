// LoopDriver runs an aio::EventLoop on the Qt event loop of the thread it lives in,
// iteration for iteration as EventLoop::run_forever would (so callbacks and timers run
// in exactly the same order), and on a virtual clock plays virtual time back against
// the wall clock: play, pause, speed 0.1x..10x, step to the next event, run to the end.
//
// How it waits: one precise single-shot QTimer armed for the earliest deadline (or the
// next frame tick, if frames are on), and one coalesced posted event for "work is ready"
// and for wake-ups from other threads (call_soon_threadsafe, ExternalWork ending). Ready
// work runs in slices of about batchBudget() of wall time; between slices control goes
// back to Qt, so a window keeps painting and answering input. No timer per callback, no
// polling, no nested event loop. A callback that never returns still blocks the thread:
// run untrusted programs with LoopThread.
//
// Threading: a LoopDriver and its loop belong to one thread (the one the driver lives in,
// where the loop's tasks run). Call every method there; from other threads use queued
// calls (QMetaObject::invokeMethod, or a queued connection to a slot). Only isPlaying(),
// speed() and currentTime() may be read from any thread. Signals are emitted on the
// driver's thread. The loop must outlive the driver. Do not delete the driver from inside
// one of the loop's callbacks or from a slot connected directly to its signals (use
// deleteLater()).
#pragma once

#include <qt/playback_clock.hpp>

#include <engine/event_loop.hpp>
#include <engine/future.hpp>

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>

namespace aio_qt {

namespace detail {
struct Waker;
}

class LoopDriver : public QObject {
    Q_OBJECT
public:
    enum class Outcome {
        Running,      // not finished (or never started)
        TargetDone,   // the target future completed (run_until_complete's end)
        NothingLeft,  // no target, and no ready work, timers or pending external work
        Deadlock,     // the target is not done and nothing can make progress
        Stopped,      // stop() was called, on the driver or (as run_forever ends) on the loop
    };
    Q_ENUM(Outcome)

    explicit LoopDriver(aio::EventLoop& loop, QObject* parent = nullptr);
    ~LoopDriver() override;

    aio::EventLoop& loop() const noexcept { return loop_; }

    // Finish after the loop iteration in which `target` completes, exactly as
    // run_until_complete stops (a done callback added at start()). Set before start().
    void setTarget(aio::FutureRef target);
    aio::FutureRef target() const { return target_; }

    // Wall time one slice of ready work may take before Qt gets control back (default 4 ms).
    void setBatchBudget(std::chrono::microseconds budget);
    std::chrono::microseconds batchBudget() const { return budget_; }
    // While time flows (playing, or real time), also wake every `interval` to publish the
    // playhead (currentTimeChanged) between events. 0 (the default) = only at events.
    void setFrameInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds frameInterval() const { return frameInterval_; }

    bool isStarted() const noexcept { return started_; }
    bool isFinished() const noexcept { return outcome_ != Outcome::Running; }
    Outcome outcome() const noexcept { return outcome_; }
    // The loop runs on a real clock: time is the wall clock; play/pause/speed/step/run
    // to end do nothing.
    bool isRealTime() const noexcept { return real_; }
    // Filled when outcome() is Deadlock: the engine's wait-for report.
    QString deadlockReport() const { return deadlockReport_; }
    // Loop iterations completed (asyncio's _run_once calls) since construction.
    std::uint64_t iterations() const noexcept { return iterations_; }
    // Times the driver got control from Qt (its posted event or its timer) while started.
    std::uint64_t wakeups() const noexcept { return wakeups_; }

    // Any thread.
    // Virtual time moves (playing or running to the end). Real-time loops: while started.
    bool isPlaying() const noexcept { return playingShared_.load(std::memory_order_relaxed); }
    double speed() const noexcept { return speedShared_.load(std::memory_order_relaxed); }
    // The playhead in ns of loop time, as last published (currentTimeChanged).
    qint64 currentTime() const noexcept { return timeShared_.load(std::memory_order_relaxed); }

public slots:
    // Starts driving (enters the loop as this thread's running loop; throws the loop's
    // RuntimeError if it is closed or another loop runs on this thread). On a virtual
    // clock, start() plays at speed() and startPaused() waits for play() or a step.
    // After finished(), start() drives the same loop again (e.g. to run the shutdown).
    void start();
    void startPaused();
    void play();
    void pause();
    void setSpeed(double speed);
    // Pauses, then runs up to the next event and pauses again: if work is ready now, the
    // loop iterations at the current time until nothing is ready; otherwise the playhead
    // and the loop's clock move exactly to the next timer deadline and the iterations at
    // that time run. Emits stepFinished() when it lands, or finished() if that ends the run.
    void stepToNextEvent();
    // Runs as fast as possible to the end (still in slices, so the window stays live);
    // pause() or play() take over again.
    void runToEnd();
    // Stops driving after the callback running now; the loop keeps its state.
    void stop();

signals:
    void currentTimeChanged(qint64 ns);
    void playingChanged(bool playing);
    void speedChanged(double speed);
    void stepFinished(qint64 ns);
    // Emitted just before finished() when outcome() is Deadlock.
    void deadlocked(const QString& report);
    void finished();

protected:
    bool event(QEvent* e) override;

private:
    enum class Exit { Yield, Wait, Idle, Finish };

    void startDriving(bool playing);
    void wake();
    void service();
    Exit runUntilWaiting(std::int64_t* waitNs);
    bool runSlice();
    void beginIteration();
    void advanceTo(std::int64_t deadline);
    bool mayRun() const noexcept { return real_ || playing_ || stepping_ || fast_; }
    std::int64_t wallNow() const { return wall_.nsecsElapsed(); }
    std::int64_t playheadCap();
    void publishTime();
    void setPlayingState(bool playing);
    void finish(Outcome outcome);

    aio::EventLoop& loop_;
    const bool real_;
    std::shared_ptr<detail::Waker> waker_;
    QTimer timer_;
    QElapsedTimer wall_;
    QElapsedTimer slice_;
    PlaybackClock playback_;
    std::chrono::microseconds budget_{4000};
    std::chrono::milliseconds frameInterval_{0};

    aio::FutureRef target_;
    std::shared_ptr<bool> targetDone_;
    std::uint64_t targetCallback_ = 0;

    Outcome outcome_ = Outcome::Running;
    QString deadlockReport_;
    std::uint64_t iterations_ = 0;
    std::uint64_t wakeups_ = 0;
    qint64 lastEmittedTime_ = -1;
    bool started_ = false;
    bool inService_ = false;
    bool inBatch_ = false;  // begin_iteration() ran and its batch is not finished
    bool playing_ = true;
    bool stepping_ = false;
    bool stepMayJump_ = false;
    bool stepLanded_ = false;
    bool fast_ = false;
    bool stopRequested_ = false;

    std::atomic<bool> playingShared_{false};
    std::atomic<double> speedShared_{1.0};
    std::atomic<qint64> timeShared_{0};
};

}  // namespace aio_qt
