#include <app/live_script_runner.hpp>

#if __has_include(<script/runtime/script_run.hpp>) && __has_include(<qt/loop_thread.hpp>)
#define LOOPSCOPE_HAS_LIVE_RUN 1
#include <app/script_run_report.hpp>

#include <qt/loop_thread.hpp>

#include <QThread>

#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <string>
#include <vector>
#endif

#ifdef LOOPSCOPE_HAS_LIVE_RUN

namespace {

// How often the driver publishes its clock while time flows: the session reads it every
// frame, so the playhead (and the lanes) move smoothly between events.
constexpr std::chrono::milliseconds kPublishInterval{16};

// Records everything but deadlock events. The driver has traced the deadlock already, with
// the report run_until_complete writes (the runner that runs ahead traces the same), and
// ScriptRun::check_idle, which makes the diagnostic, would trace a second one.
class WithoutDeadlockEvents final : public aio::Tracer {
public:
    explicit WithoutDeadlockEvents(aio::Tracer& next) : next_(next) {}
    void record(const aio::TraceRecord& r) override
    {
        if (r.kind != aio::EventKind::deadlock)
            next_.record(r);
    }

private:
    aio::Tracer& next_;
};

// What the worker thread keeps for one program. Created and destroyed there.
struct Program {
    std::unique_ptr<script::ScriptRun> run;
    // The driver's target: done when the program is, so the driver ends after that loop
    // iteration, exactly where run_until_complete ends in the runner that runs ahead.
    aio::Future<void> done;
    ScriptErrorText errText;
    bool reported = false;
    int restarts = 0;
};

// A program that stops its loop over and over (or a driver that keeps failing) is given up.
constexpr int kMaxRestarts = 1000;

}  // namespace

struct LiveScriptRunner::Impl {
    std::unique_ptr<aio_qt::LoopThread> thread;
    double speed = 1.0;
    bool paused = false;
    int stepsFinished = 0;

    // Shared with stop() on other threads and with the worker.
    std::mutex mutex;
    script::ScriptRun* run = nullptr;  // while the program runs
    bool stopRequested = false;
    std::atomic<bool> pausedShared{false};  // as the owner last asked; read by the worker
};

LiveScriptRunner::LiveScriptRunner(Clock clock) : clock_(clock), impl_(std::make_unique<Impl>()) {}

LiveScriptRunner::~LiveScriptRunner()
{
    stop();
    // Joins the worker; the program (which the driver's connection holds) dies there, before its loop.
    impl_->thread.reset();
}

bool LiveScriptRunner::isAvailable() { return true; }

void LiveScriptRunner::start(const QString& source, const QString& fileName, aio::Recorder& recorder, Sink sink)
{
    if (impl_->thread)
        return;
    impl_->thread = std::make_unique<aio_qt::LoopThread>();
    Impl* impl = impl_.get();
    QObject::connect(impl->thread.get(), &aio_qt::LoopThread::stepFinished, impl->thread.get(), [impl] { ++impl->stepsFinished; });
    const bool virtualClock = clock_ == Clock::PacedVirtual;
    const double speed = impl->speed;

    auto setup = [impl, virtualClock, speed, src = source.toStdString(), file = fileName.toStdString(), &recorder,
                  sink](aio::EventLoop& loop, aio_qt::LoopDriver& driver) {
        auto prog = std::make_shared<Program>();
        bool started = false;
        Program* p = prog.get();
        script::RunOptions o;
        o.virtual_clock = virtualClock;
        o.tracer = &recorder;
        o.on_stdout = [](std::string_view, double) {};  // prints are in the trace
        o.on_stderr = [p](std::string_view text, double t) { p->errText.emplace_back(std::string(text), qint64(std::llround(t * 1e9))); };
        o.stuck_seconds = 3;
        o.on_stuck = [sink](const script::Diagnostic& d) { sink.diagnostic(toRunDiagnostic(d)); };
        try {
            prog->run = std::make_unique<script::ScriptRun>(src, file, o);
            prog->done = aio::Future<void>(loop);
            prog->run->set_on_finished([p](int) {
                if (!p->done.done())
                    p->done.set_result();
            });
            started = prog->run->start(loop);  // false: a syntax error finished it at once
        } catch (const std::exception& e) {
            prog->reported = true;
            RunDiagnostic d;
            d.fileName = QString::fromStdString(file);
            d.message = QStringLiteral("Loopscope could not run the program: %1").arg(QString::fromUtf8(e.what()));
            sink.diagnostic(d);
            sink.finished(RunOutcome::Failed, d.message);
            prog->run.reset();
            return;  // nothing to drive: the driver finds no work and ends
        }
        {
            std::lock_guard lock(impl->mutex);
            impl->run = prog->run.get();
            if (impl->stopRequested)
                prog->run->request_stop();
        }
        // Without a target (nothing started) the driver ends at once, running nothing, as
        // run_to_end returns without running the loop.
        if (started)
            driver.setTarget(prog->done);
        driver.setFrameInterval(kPublishInterval);
        driver.setSpeed(speed);

        // Direct: runs on the worker, as the driver ends a stretch of driving.
        QObject::connect(&driver, &aio_qt::LoopDriver::finished, &driver, [impl, prog, &loop, &driver, &recorder, sink] {
            Program& pr = *prog;
            if (pr.reported || !pr.run)
                return;
            script::ScriptRun& run = *pr.run;
            if (!run.finished()) {
                if (driver.outcome() == aio_qt::LoopDriver::Outcome::Deadlock) {
                    WithoutDeadlockEvents filter(recorder);
                    loop.set_tracer(&filter);
                    run.check_idle();
                    loop.set_tracer(&recorder);
                } else if (++pr.restarts <= kMaxRestarts) {
                    // The program called loop.stop(): as run_to_end does, go on driving it.
                    const bool paused = impl->pausedShared.load();
                    QMetaObject::invokeMethod(
                        &driver,
                        [&driver, paused] {
                            if (paused)
                                driver.startPaused();
                            else
                                driver.start();
                        },
                        Qt::QueuedConnection);
                    return;
                }
            }
            pr.reported = true;
            {
                std::lock_guard lock(impl->mutex);
                impl->run = nullptr;
            }
            const int code = run.finished() ? run.exit_code() : 3;
            const std::vector<script::Diagnostic> diags = run.diagnostics();
            // The program's tasks and objects go now, on the loop's thread, before the loop.
            pr.run.reset();
            reportScriptEnd(sink, code, diags, pr.errText);
        });
    };
    impl_->thread->start(virtualClock ? aio_qt::LoopThread::ClockKind::Virtual : aio_qt::LoopThread::ClockKind::Real,
                         std::move(setup), impl_->paused && virtualClock);
}

void LiveScriptRunner::stop()
{
    aio_qt::LoopThread* thread = nullptr;
    {
        std::lock_guard lock(impl_->mutex);
        impl_->stopRequested = true;
        if (impl_->run)
            impl_->run->request_stop();
        thread = impl_->thread.get();
    }
    if (!thread || clock_ == Clock::WallClock)
        return;
    // A paused driver runs nothing, so the stop (queued on the loop) would wait. A step
    // runs what is ready at the current time, without moving the clock to the next timer.
    if (QThread::currentThread() == thread->thread())
        thread->stepToNextEvent();
    else
        QMetaObject::invokeMethod(thread, [thread] { thread->stepToNextEvent(); }, Qt::QueuedConnection);
}

bool LiveScriptRunner::controllable() const
{
    if (!impl_->thread || clock_ == Clock::WallClock)
        return false;
    // Once stopped, a pause (the session pauses as it stops) must not undo the step that
    // lets the stop run.
    std::lock_guard lock(impl_->mutex);
    return !impl_->stopRequested;
}

void LiveScriptRunner::setSpeed(double speed)
{
    impl_->speed = speed;
    if (controllable())
        impl_->thread->setSpeed(speed);
}

void LiveScriptRunner::setPaused(bool paused)
{
    if (clock_ == Clock::WallClock)
        return;
    impl_->paused = paused;
    impl_->pausedShared.store(paused);
    if (!controllable())
        return;
    if (paused)
        impl_->thread->pause();
    else
        impl_->thread->play();
}

void LiveScriptRunner::stepOnce()
{
    if (controllable())
        impl_->thread->stepToNextEvent();
}

void LiveScriptRunner::runToEnd()
{
    if (controllable())
        impl_->thread->runToEnd();
}

qint64 LiveScriptRunner::currentTime() const
{
    return impl_->thread ? impl_->thread->currentTime() : -1;
}

bool LiveScriptRunner::isPlaying() const
{
    return impl_->thread && impl_->thread->isPlaying();
}

int LiveScriptRunner::stepsFinished() const
{
    return impl_->stepsFinished;
}

#else

// Without the script runner or the Qt bridge, a live run reports that it cannot run.
struct LiveScriptRunner::Impl {};

LiveScriptRunner::LiveScriptRunner(Clock clock) : clock_(clock), impl_(std::make_unique<Impl>()) {}
LiveScriptRunner::~LiveScriptRunner() = default;
bool LiveScriptRunner::isAvailable() { return false; }

void LiveScriptRunner::start(const QString&, const QString& fileName, aio::Recorder&, Sink sink)
{
    RunDiagnostic d;
    d.fileName = fileName;
    d.message = QStringLiteral("This build of Loopscope cannot run programs live: it has no script runner or Qt bridge.");
    sink.diagnostic(d);
    sink.finished(RunOutcome::Failed, d.message);
}

void LiveScriptRunner::stop() {}
void LiveScriptRunner::setSpeed(double) {}
void LiveScriptRunner::setPaused(bool) {}
void LiveScriptRunner::stepOnce() {}
void LiveScriptRunner::runToEnd() {}
qint64 LiveScriptRunner::currentTime() const { return -1; }
bool LiveScriptRunner::isPlaying() const { return false; }
int LiveScriptRunner::stepsFinished() const { return 0; }

#endif
