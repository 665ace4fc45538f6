#include <qt/loop_driver.hpp>

#include <engine/task.hpp>

#include <QCoreApplication>
#include <QEvent>

#include <algorithm>
#include <mutex>

namespace aio_qt {

namespace {

QEvent::Type wakeEventType()
{
    static const QEvent::Type type = QEvent::Type(QEvent::registerEventType());
    return type;
}

// Longest single timer wait; a longer one is re-armed when it fires.
constexpr std::int64_t kMaxTimerMs = 24LL * 3600 * 1000;

}  // namespace

namespace detail {

// The one posted wake-up event of a driver. Lives as long as any copy of the loop's
// wake-up hook, so a thread that took the hook just before the driver died posts nothing.
struct Waker {
    std::mutex mutex;
    QObject* target = nullptr;  // guarded by mutex; null once the driver is gone
    std::atomic<bool> posted{false};

    // Any thread. Pairs with the exchange in LoopDriver::event(): both are read-modify-
    // writes of one flag, so either this one comes second and sees the flag cleared (and
    // posts), or the driver's comes second and acquires this thread's new work with it.
    void post()
    {
        if (posted.exchange(true, std::memory_order_acq_rel))
            return;
        std::lock_guard lock(mutex);
        if (target)
            QCoreApplication::postEvent(target, new QEvent(wakeEventType()), Qt::LowEventPriority);
    }
};

}  // namespace detail

LoopDriver::LoopDriver(aio::EventLoop& loop, QObject* parent)
    : QObject(parent), loop_(loop), real_(!loop.is_virtual()), waker_(std::make_shared<detail::Waker>()), timer_(this),
      playback_(loop.time_ns())
{
    waker_->target = this;
    timer_.setSingleShot(true);
    timer_.setTimerType(Qt::PreciseTimer);
    connect(&timer_, &QTimer::timeout, this, &LoopDriver::service);
    wall_.start();
    timeShared_.store(loop.time_ns(), std::memory_order_relaxed);
}

LoopDriver::~LoopDriver()
{
    {
        std::lock_guard lock(waker_->mutex);
        waker_->target = nullptr;
    }
    if (started_) {
        loop_.set_wakeup_hook({});
        if (target_ && targetCallback_)
            target_.remove_done_callback(targetCallback_);
        loop_.leave_driven();
    }
}

void LoopDriver::setTarget(aio::FutureRef target)
{
    if (started_ && target_ && targetCallback_)
        target_.remove_done_callback(targetCallback_);
    targetCallback_ = 0;
    target_ = std::move(target);
    if (started_ && target_) {
        targetDone_ = std::make_shared<bool>(false);
        targetCallback_ = target_.add_done_callback([flag = targetDone_](aio::FutureBase&) { *flag = true; });
    }
}

void LoopDriver::setBatchBudget(std::chrono::microseconds budget) { budget_ = std::max(budget, std::chrono::microseconds(0)); }

void LoopDriver::setFrameInterval(std::chrono::milliseconds interval)
{
    frameInterval_ = std::max(interval, std::chrono::milliseconds(0));
    if (started_)
        wake();
}

// ------------------------------------------------------------------ controls

void LoopDriver::start() { startDriving(true); }
void LoopDriver::startPaused() { startDriving(false); }

void LoopDriver::startDriving(bool playing)
{
    if (started_)
        return;
    loop_.enter_driven();
    started_ = true;
    outcome_ = Outcome::Running;
    stopRequested_ = false;
    deadlockReport_.clear();
    loop_.set_wakeup_hook([w = waker_] { w->post(); });
    // As run_until_done: the target's done callback is added when the run starts.
    targetDone_ = std::make_shared<bool>(false);
    targetCallback_ = 0;
    if (target_)
        targetCallback_ = target_.add_done_callback([flag = targetDone_](aio::FutureBase&) { *flag = true; });
    if (!real_) {
        playback_.jumpTo(loop_.time_ns(), wallNow());
        if (!fast_) {
            playing_ = playing;
            if (playing)
                playback_.play(wallNow());
            else
                playback_.pause(wallNow(), playback_.position());
        }
    }
    setPlayingState(real_ || fast_ || playing_);
    wake();
}

void LoopDriver::play()
{
    if (real_)
        return;
    stepping_ = false;
    fast_ = false;
    playing_ = true;
    playback_.play(wallNow());
    if (started_) {
        setPlayingState(true);
        wake();
    }
}

void LoopDriver::pause()
{
    if (real_)
        return;
    fast_ = false;
    stepping_ = false;
    playing_ = false;
    if (playback_.isPlaying())
        playback_.pause(wallNow(), started_ ? playheadCap() : playback_.position());
    if (started_) {
        setPlayingState(false);
        publishTime();
        wake();
    }
}

void LoopDriver::setSpeed(double speed)
{
    const double before = playback_.speed();
    playback_.setSpeed(speed, wallNow(), started_ && playback_.isPlaying() ? playheadCap() : playback_.position());
    speedShared_.store(playback_.speed(), std::memory_order_relaxed);
    if (playback_.speed() != before)
        emit speedChanged(playback_.speed());
    if (started_) {
        publishTime();
        wake();  // the armed timer was computed for the old speed
    }
}

void LoopDriver::stepToNextEvent()
{
    if (real_ || !started_)
        return;
    fast_ = false;
    playing_ = false;
    if (playback_.isPlaying())
        playback_.pause(wallNow(), playheadCap());
    setPlayingState(false);
    stepping_ = true;
    stepMayJump_ = !(inBatch_ || loop_.has_ready());
    wake();
}

void LoopDriver::runToEnd()
{
    if (real_)
        return;
    stepping_ = false;
    if (playback_.isPlaying())
        playback_.pause(wallNow(), started_ ? playheadCap() : playback_.position());
    fast_ = true;
    if (started_) {
        setPlayingState(true);
        wake();
    }
}

void LoopDriver::stop()
{
    if (!started_)
        return;
    if (inService_) {
        stopRequested_ = true;  // called from a callback: finish once it returns
        return;
    }
    finish(Outcome::Stopped);
}

// ------------------------------------------------------------------ driving

void LoopDriver::wake() { waker_->post(); }

bool LoopDriver::event(QEvent* e)
{
    if (e->type() == wakeEventType()) {
        // Cleared before looking at the loop, so work posted from now on posts again.
        waker_->posted.exchange(false, std::memory_order_acq_rel);
        service();
        return true;
    }
    return QObject::event(e);
}

void LoopDriver::service()
{
    if (!started_ || inService_)
        return;
    ++wakeups_;
    inService_ = true;
    slice_.start();
    std::int64_t waitNs = 0;
    Exit exit;
    try {
        exit = runUntilWaiting(&waitNs);
    } catch (...) {
        // The loop catches what callbacks and tasks throw; anything else must not unwind
        // through Qt's event loop. Report it as the loop reports errors, and stop.
        inService_ = false;
        loop_.call_exception_handler({"Unexpected exception while driving the loop", std::current_exception(), {}});
        finish(Outcome::Stopped);
        return;
    }
    inService_ = false;
    if (exit == Exit::Finish) {
        finish(outcome_);
        return;
    }

    // Frame ticks only while time flows; a paused or waiting loop has no reason to wake.
    const bool timeFlows = real_ || (playing_ && !fast_ && !stepping_);
    const std::int64_t frameNs = std::chrono::nanoseconds(frameInterval_).count();
    bool arm = exit == Exit::Wait;
    if (exit == Exit::Idle && real_ && frameNs > 0) {
        waitNs = frameNs;
        arm = true;
    }
    if (exit == Exit::Yield) {
        timer_.stop();
        wake();
    } else if (arm) {
        if (timeFlows && frameNs > 0)
            waitNs = std::min(waitNs, frameNs);
        // Rounded up: a Qt timer counts whole milliseconds and must not fire early.
        const std::int64_t ms = std::clamp<std::int64_t>((waitNs + 999999) / 1000000, 1, kMaxTimerMs);
        timer_.start(std::chrono::milliseconds(ms));
    } else {
        timer_.stop();
    }

    publishTime();
    if (stepLanded_) {
        stepLanded_ = false;
        emit stepFinished(currentTime());
    }
}

LoopDriver::Exit LoopDriver::runUntilWaiting(std::int64_t* waitNs)
{
    const std::int64_t budget = std::chrono::nanoseconds(budget_).count();
    bool progressed = false;
    for (;;) {
        if (stopRequested_) {
            outcome_ = Outcome::Stopped;
            return Exit::Finish;
        }
        if (!mayRun())
            return Exit::Idle;
        if (inBatch_) {
            progressed = true;
            if (!runSlice()) {
                if (stopRequested_ || !mayRun())
                    continue;  // decided at the top
                return Exit::Yield;  // out of budget: the rest of the batch is the next slice
            }
            inBatch_ = false;
            ++iterations_;
            if (!real_ && loop_.time_ns() > playback_.position())
                playback_.jumpTo(loop_.time_ns(), wallNow());  // a callback blocked on the virtual clock
            if (*targetDone_) {
                outcome_ = Outcome::TargetDone;
                return Exit::Finish;
            }
            if (loop_.is_stopping()) {  // loop.stop() from the program: run_forever's end
                outcome_ = Outcome::Stopped;
                return Exit::Finish;
            }
            continue;
        }
        if (progressed && slice_.nsecsElapsed() >= budget)
            return Exit::Yield;

        // Between iterations: this is run_once / wait_for_work, one decision at a time.
        // A stop() made before this iteration: one more, without waiting, as asyncio does.
        if (loop_.has_ready() || loop_.is_stopping()) {
            beginIteration();
            continue;
        }
        const bool external = loop_.has_external_work();
        const std::optional<std::int64_t> deadline = loop_.next_deadline();
        if (!deadline) {
            if (external)
                return Exit::Idle;  // its end or its result wakes us
            if (target_ && !target_.done()) {
                const aio::FutureBase* t = target_.get();
                const aio::TaskBase* task = t->is_task() ? static_cast<const aio::TaskBase*>(t) : nullptr;
                const std::string report = loop_.wait_for_report(task);
                loop_.trace(aio::EventKind::deadlock, 0, 0, 0, 0, report);
                deadlockReport_ = QString::fromStdString(report);
                outcome_ = Outcome::Deadlock;
                return Exit::Finish;
            }
            outcome_ = Outcome::NothingLeft;
            return Exit::Finish;
        }
        if (real_) {
            const std::int64_t now = loop_.time_ns();
            if (*deadline <= now) {
                beginIteration();
                continue;
            }
            *waitNs = *deadline - now;
            return Exit::Wait;
        }
        if (external)
            return Exit::Idle;  // another thread's work takes no virtual time: never jump past it
        if (fast_) {
            advanceTo(*deadline);
            beginIteration();
            continue;
        }
        if (stepping_) {
            if (!stepMayJump_) {
                stepping_ = false;
                stepLanded_ = true;
                return Exit::Idle;
            }
            stepMayJump_ = false;
            advanceTo(*deadline);
            beginIteration();
            continue;
        }
        const std::int64_t wall = wallNow();
        if (playback_.advance(wall, *deadline) >= *deadline) {
            advanceTo(*deadline);
            beginIteration();
            continue;
        }
        *waitNs = playback_.wallUntil(*deadline, wall);
        return Exit::Wait;
    }
}

bool LoopDriver::runSlice()
{
    // Chunks grow from one callback, so a few slow callbacks (interpreted steps) still
    // give control back in time, and many fast ones do not read the clock each time.
    const std::int64_t budget = std::chrono::nanoseconds(budget_).count();
    std::size_t chunk = 1;
    for (;;) {
        if (loop_.run_batch(chunk) == 0)
            return true;
        if (stopRequested_ || !mayRun() || slice_.nsecsElapsed() >= budget)
            return false;
        if (chunk < 1024)
            chunk *= 2;
    }
}

void LoopDriver::beginIteration()
{
    loop_.begin_iteration();
    inBatch_ = true;
}

void LoopDriver::advanceTo(std::int64_t deadline)
{
    loop_.clock().advance_to(deadline);
    playback_.jumpTo(deadline, wallNow());
}

std::int64_t LoopDriver::playheadCap()
{
    if (!inBatch_ && !loop_.has_ready() && loop_.has_external_work())
        return loop_.time_ns();
    const std::optional<std::int64_t> d = loop_.next_deadline();
    return d ? *d : loop_.time_ns();
}

void LoopDriver::publishTime()
{
    qint64 t;
    if (real_) {
        t = loop_.time_ns();
    } else {
        if (loop_.time_ns() > playback_.position())
            playback_.jumpTo(loop_.time_ns(), wallNow());
        if (started_ && playback_.isPlaying())
            playback_.advance(wallNow(), playheadCap());
        t = playback_.position();
    }
    timeShared_.store(t, std::memory_order_relaxed);
    if (t != lastEmittedTime_) {
        lastEmittedTime_ = t;
        emit currentTimeChanged(t);
    }
}

void LoopDriver::setPlayingState(bool playing)
{
    if (playingShared_.exchange(playing, std::memory_order_relaxed) != playing)
        emit playingChanged(playing);
}

void LoopDriver::finish(Outcome outcome)
{
    started_ = false;
    outcome_ = outcome;
    stepping_ = false;
    fast_ = false;
    stopRequested_ = false;
    timer_.stop();
    loop_.set_wakeup_hook({});
    if (target_ && targetCallback_)
        target_.remove_done_callback(targetCallback_);
    targetCallback_ = 0;
    loop_.leave_driven();
    if (!real_ && playback_.isPlaying())
        playback_.pause(wallNow(), playback_.position());
    playing_ = false;
    publishTime();
    setPlayingState(false);
    if (outcome == Outcome::Deadlock)
        emit deadlocked(deadlockReport_);
    emit finished();
}

}  // namespace aio_qt
