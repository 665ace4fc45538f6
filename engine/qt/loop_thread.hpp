// LoopThread runs an aio::EventLoop and its LoopDriver on a worker thread of their own,
// so a program whose task never awaits stalls that thread and never the window. The
// window controls the run through this object and reads what happened from the trace
// recorder the setup attached (aio::Recorder is readable while it is written).
//
// Threading: a LoopThread belongs to the thread that made it (the owner, usually the GUI
// thread): call all its methods there, and its signals are emitted there (queued from the
// worker). The loop, the driver and the program's tasks live on the worker thread: they
// are created there, touched only there (by the setup callback and by post()), and
// destroyed there by quit(). quit() and the destructor block until the callback running
// now returns, so a callback that never returns must be interruptible on its own (it may
// poll QThread::currentThread()->isInterruptionRequested(), which quit() sets). Anything
// the setup hands to the loop (a tracer, a recorder) must outlive quit().
#pragma once

#include <qt/loop_driver.hpp>

#include <engine/event_loop.hpp>

#include <QObject>
#include <QString>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

class QThread;

namespace aio_qt {

class LoopThread : public QObject {
    Q_OBJECT
public:
    enum class ClockKind { Virtual, Real };
    Q_ENUM(ClockKind)

    // Runs on the worker thread before driving starts: create the program's tasks, set a
    // tracer, a target (driver.setTarget), a batch budget or frame interval.
    using Setup = std::function<void(aio::EventLoop& loop, LoopDriver& driver)>;
    // Work for the worker thread (post()): may touch the loop and the driver.
    using Job = std::function<void(aio::EventLoop& loop, LoopDriver& driver)>;

    explicit LoopThread(QObject* parent = nullptr);
    ~LoopThread() override;  // quit()

    // Starts the worker: makes a loop on the given clock and a driver there, runs setup,
    // then starts driving (paused: waits for play() or a step). Once per LoopThread;
    // returns false if already started.
    bool start(ClockKind clock, Setup setup, bool paused = false);
    bool isStarted() const noexcept { return thread_ != nullptr; }
    // finished() has been delivered.
    bool isFinished() const noexcept { return finished_; }
    LoopDriver::Outcome outcome() const noexcept { return outcome_; }

    // Queued to the worker, run in call order (see LoopDriver for what each does).
    void play();
    void pause();
    void setSpeed(double speed);
    void stepToNextEvent();
    void runToEnd();
    void stop();
    void setFrameInterval(std::chrono::milliseconds interval);
    void post(Job job);

    // Stops driving, destroys the driver and the loop on the worker thread and joins it.
    // Blocks while a callback runs. Signals queued before it may still be delivered.
    void quit();

    // The driver's shared state, as it is now (0 / false / 1.0 before the worker starts).
    qint64 currentTime() const;
    bool isPlaying() const;
    double speed() const;

signals:
    void currentTimeChanged(qint64 ns);
    void playingChanged(bool playing);
    void speedChanged(double speed);
    void stepFinished(qint64 ns);
    void deadlocked(const QString& report);
    void finished(aio_qt::LoopDriver::Outcome outcome);
    // The setup callback threw; nothing is driven.
    void setupFailed(const QString& message);

private:
    void toDriver(std::function<void(LoopDriver&)> fn);

    std::unique_ptr<QThread> thread_;
    QObject* context_ = nullptr;             // lives on the worker; queued jobs go to it
    std::unique_ptr<aio::EventLoop> loop_;   // worker only
    std::atomic<LoopDriver*> driver_{nullptr};  // written by the worker; read here for the atomics
    bool finished_ = false;
    LoopDriver::Outcome outcome_ = LoopDriver::Outcome::Running;
};

}  // namespace aio_qt
