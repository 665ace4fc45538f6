#include <app/run_session.hpp>

#include <QMetaObject>

#include <app/live_script_runner.hpp>
#include <app/script_run_report.hpp>

#if __has_include(<script/runtime/script_run.hpp>)
#define LOOPSCOPE_HAS_SCRIPT_RUN 1
#endif

#include <algorithm>
#include <cmath>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace {

// Frames per second of the playback while something moves.
constexpr int kFrameMs = 16;

// The loop's time now, as far as the recording tells: the time of the latest event.
qint64 recordedNow(const aio::Recorder& r)
{
    const std::size_t n = r.size();
    return n ? r[n - 1].time_ns : 0;
}

// Stands in for the Python runner in builds that do not have it yet.
class MissingRunner final : public ProgramRunner {
public:
    void start(const QString&, const QString& fileName, aio::Recorder&, Sink sink) override
    {
        RunDiagnostic d;
        d.fileName = fileName;
        d.message = QStringLiteral("This build of Loopscope cannot run Python programs: it has no script runner.");
        sink.diagnostic(d);
        sink.finished(RunOutcome::Failed, d.message);
    }
    void stop() override {}
};

#ifdef LOOPSCOPE_HAS_SCRIPT_RUN

// The Python program runs ahead on a thread of its own, on a virtual clock, recording
// into the session's Recorder; the session replays the recording at the chosen speed.
// A program that never awaits stalls only this thread, and stop() interrupts it.
class ScriptRunner final : public ProgramRunner {
public:
    ~ScriptRunner() override
    {
        stop();
        if (thread_.joinable())
            thread_.join();
    }

    void start(const QString& source, const QString& fileName, aio::Recorder& recorder, Sink sink) override
    {
        thread_ = std::thread([this, src = source.toStdString(), file = fileName.toStdString(), &recorder, sink] {
            // Errors are written to stderr and reported as diagnostics; the console shows
            // the diagnostic (it has the line), so only the program's own stderr is kept.
            ScriptErrorText errText;
            script::RunOptions o;
            o.virtual_clock = true;
            o.tracer = &recorder;
            o.on_stdout = [](std::string_view, double) {};  // prints are in the trace
            o.on_stderr = [&errText](std::string_view text, double t) {
                errText.emplace_back(std::string(text), qint64(std::llround(t * 1e9)));
            };
            o.stuck_seconds = 3;
            o.on_stuck = [sink](const script::Diagnostic& d) { sink.diagnostic(toRunDiagnostic(d)); };
            int code = 1;
            std::vector<script::Diagnostic> diags;
            {
                // Stopped before it began: nothing to run.
                std::lock_guard lock(mutex_);
                if (stopRequested_) {
                    sink.finished(RunOutcome::Stopped, QString());
                    return;
                }
            }
            try {
                script::ScriptRun run(src, file, o);
                {
                    std::lock_guard lock(mutex_);
                    run_ = &run;
                    if (stopRequested_)
                        run.request_stop();
                }
                code = run.run_to_end();
                {
                    std::lock_guard lock(mutex_);
                    run_ = nullptr;
                }
                diags = run.diagnostics();
            } catch (const std::exception& e) {
                std::lock_guard lock(mutex_);
                run_ = nullptr;
                script::Diagnostic d;
                d.message = std::string("Loopscope could not run the program: ") + e.what();
                diags.push_back(d);
            }
            reportScriptEnd(sink, code, diags, errText);
        });
    }

    void stop() override
    {
        std::lock_guard lock(mutex_);
        stopRequested_ = true;
        if (run_)
            run_->request_stop();
    }

private:
    std::thread thread_;
    std::mutex mutex_;
    script::ScriptRun* run_ = nullptr;  // while run_to_end() runs
    bool stopRequested_ = false;
};

#endif

}  // namespace

void FunctionRunner::start(const QString& source, const QString&, aio::Recorder& recorder, Sink sink)
{
    QString message;
    const RunOutcome o = program_ ? program_(source, recorder, sink, message) : RunOutcome::Finished;
    sink.finished(o, message);
}

RunSession::RunSession(QObject* parent)
    : QObject(parent)
    , factory_(defaultRunnerFactory())
{
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(kFrameMs);
    connect(&timer_, &QTimer::timeout, this, &RunSession::tick);
}

RunSession::~RunSession()
{
    // The runner may still be writing into the recorder: it goes first.
    if (runner_)
        runner_->stop();
    runner_.reset();
}

bool RunSession::canRunPython()
{
#ifdef LOOPSCOPE_HAS_SCRIPT_RUN
    return true;
#else
    return false;
#endif
}

RunSession::RunnerFactory RunSession::defaultRunnerFactory()
{
#ifdef LOOPSCOPE_HAS_SCRIPT_RUN
    return [] { return std::unique_ptr<ProgramRunner>(new ScriptRunner); };
#else
    return [] { return std::unique_ptr<ProgramRunner>(new MissingRunner); };
#endif
}

void RunSession::setRunnerFactory(RunnerFactory factory)
{
    factory_ = factory ? std::move(factory) : defaultRunnerFactory();
}

bool RunSession::canRunLive()
{
    return LiveScriptRunner::isAvailable();
}

RunSession::RunnerFactory RunSession::runnerFactory(RunMode mode)
{
    switch (mode) {
    case RunMode::LivePaced:
        return [] { return std::unique_ptr<ProgramRunner>(new LiveScriptRunner(LiveScriptRunner::Clock::PacedVirtual)); };
    case RunMode::LiveWallClock:
        return [] { return std::unique_ptr<ProgramRunner>(new LiveScriptRunner(LiveScriptRunner::Clock::WallClock)); };
    case RunMode::Replay: break;
    }
    return defaultRunnerFactory();
}

void RunSession::setRunMode(RunMode mode)
{
    mode_ = mode;
    factory_ = runnerFactory(mode);
}

ProgramRunner::Sink RunSession::makeSink()
{
    const quint64 gen = generation_;
    const aio::Recorder* rec = recorder_.get();
    ProgramRunner::Sink s;
    // Every callback hops to the GUI thread; the generation drops news from older runs.
    s.stdoutText = [this, gen, rec](const QString& text, qint64 time) {
        const qint64 t = time >= 0 ? time : recordedNow(*rec);
        QMetaObject::invokeMethod(this, [this, gen, t, text] { takeOutput(gen, t, text, false); }, Qt::QueuedConnection);
    };
    s.stderrText = [this, gen, rec](const QString& text, qint64 time) {
        const qint64 t = time >= 0 ? time : recordedNow(*rec);
        QMetaObject::invokeMethod(this, [this, gen, t, text] { takeOutput(gen, t, text, true); }, Qt::QueuedConnection);
    };
    s.diagnostic = [this, gen, rec](const RunDiagnostic& d) {
        RunDiagnostic copy = d;
        if (copy.time < 0 && rec->size() > 0)
            copy.time = recordedNow(*rec);
        QMetaObject::invokeMethod(this, [this, gen, copy] {
            if (gen == generation_)
                emit diagnostic(copy);
        }, Qt::QueuedConnection);
    };
    s.finished = [this, gen](RunOutcome o, const QString& message) {
        QMetaObject::invokeMethod(this, [this, gen, o, message] { finishRun(gen, o, message); }, Qt::QueuedConnection);
    };
    return s;
}

void RunSession::beginRun(std::unique_ptr<aio::Recorder> recorder)
{
    if (runner_) {
        runner_->stop();
        runner_.reset();
    }
    ++generation_;
    // Views still point at the old model until they hear runStarted(); keep it alive till then.
    std::unique_ptr<aio::Recorder> oldRecorder = std::move(recorder_);
    std::unique_ptr<TimelineModel> oldModel = std::move(model_);
    recorder_ = std::move(recorder);
    model_ = std::make_unique<TimelineModel>(*recorder_);
    model_->update();
    partial_[0].clear();
    partial_[1].clear();
    playhead_ = model_->startTime();
    carry_ = 0;
    emit runStarted();
    emit playheadChanged(playhead_);
}

void RunSession::setRunLimits(std::size_t maxEvents, qint64 maxVirtualNs)
{
    maxEvents_ = maxEvents;
    maxVirtualNs_ = maxVirtualNs;
}

void RunSession::start(const QString& source, const QString& fileName)
{
    limitHit_ = false;
    fileName_ = fileName;
    beginRun(std::make_unique<aio::Recorder>());
    running_ = true;
    outcome_ = RunOutcome::Finished;
    runner_ = factory_();
    if (runner_->isPaced())
        runner_->setSpeed(speed_);
    setPlaying(true);
    runner_->start(source, fileName, *recorder_, makeSink());
    updateTimer();
}

void RunSession::showRecording(std::unique_ptr<aio::Recorder> recorder, RunOutcome outcome, const QString& name)
{
    if (runner_) {
        runner_->stop();
        runner_.reset();
    }
    fileName_ = name;
    beginRun(std::move(recorder));
    running_ = false;
    outcome_ = outcome;
    emit modelUpdated();
    emit runFinished(outcome, QString());
    setPlaying(false);
    setPlayhead(model_->endTime());
}

void RunSession::stop()
{
    if (runner_ && running_)
        runner_->stop();
    setPlaying(false);
}

void RunSession::takeOutput(quint64 generation, qint64 time, const QString& text, bool isStderr)
{
    if (generation != generation_)
        return;
    QString& part = partial_[isStderr ? 1 : 0];
    if (part.isEmpty())
        partialTime_[isStderr ? 1 : 0] = time;
    part += text;
    qsizetype nl;
    while ((nl = part.indexOf(QLatin1Char('\n'))) >= 0) {
        emit outputLine(partialTime_[isStderr ? 1 : 0], part.left(nl), isStderr);
        part.remove(0, nl + 1);
        partialTime_[isStderr ? 1 : 0] = time;
    }
}

void RunSession::flushOutput()
{
    for (int i = 0; i < 2; ++i)
        if (!partial_[i].isEmpty()) {
            emit outputLine(partialTime_[i], partial_[i], i == 1);
            partial_[i].clear();
        }
}

void RunSession::finishRun(quint64 generation, RunOutcome outcome, const QString& message)
{
    if (generation != generation_ || !running_)
        return;
    running_ = false;
    if (model_ && runner_ && runner_->isPaced())
        model_->setLiveEnd(0);
    if (model_ && model_->update())
        emit modelUpdated();
    // A deadlock is in the trace even when a runner reports it as a plain failure.
    if (model_ && outcome == RunOutcome::Failed)
        for (std::uint32_t e : model_->problemEvents())
            if (model_->event(e).kind == aio::EventKind::deadlock)
                outcome = RunOutcome::Deadlocked;
    outcome_ = outcome;
    flushOutput();
    const bool wasLive = runner_ && runner_->isPaced();
    emit runFinished(outcome, message);
    if (outcome == RunOutcome::Stopped)
        setPlaying(false);
    if (wasLive && model_) {
        // The live playhead was the program's clock, which may have run past its last event
        // (a stop while it slept): what is replayable ends with the recording.
        if (playhead_ != model_->endTime()) {
            playhead_ = model_->endTime();
            emit playheadChanged(playhead_);
        }
        if (playing_ && playhead_ >= model_->endTime()) {
            setPlaying(false);
            emit playbackFinished();
        }
    }
    updateTimer();
}

void RunSession::followRunner()
{
    // Before the first event the model has no start (and a wall clock reads far from 0).
    if (model_->eventCount() == 0)
        return;
    model_->setLiveEnd(std::max(runner_->currentTime(), model_->startTime()));
    setPlayhead(model_->endTime(), true);
}

bool RunSession::atEnd() const
{
    return model_ && !running_ && playhead_ >= model_->endTime();
}

void RunSession::setPlaying(bool on)
{
    if (on == playing_)
        return;
    playing_ = on;
    if (on)
        clock_.start();
    carry_ = 0;
    if (runner_ && runner_->isPaced() && running_)
        runner_->setPaused(!on);
    emit playingChanged(on);
    updateTimer();
}

void RunSession::setPlayhead(qint64 ns, bool live)
{
    if (model_)
        ns = live ? std::max(ns, model_->startTime())
                  : std::clamp(ns, model_->startTime(), std::max(model_->startTime(), model_->endTime()));
    if (ns == playhead_)
        return;
    playhead_ = ns;
    emit playheadChanged(ns);
}

void RunSession::updateTimer()
{
    const bool want = running_ || playing_;
    if (want && !timer_.isActive())
        timer_.start();
    else if (!want && timer_.isActive())
        timer_.stop();
}

void RunSession::play()
{
    if (!model_)
        return;
    if (atEnd())
        setPlayhead(model_->startTime());
    setPlaying(true);
}

void RunSession::pause()
{
    if (isRealTime())
        return;  // the wall clock does not stop
    setPlaying(false);
}

void RunSession::setSpeed(double speed)
{
    speed_ = std::clamp(speed, 0.01, 100.0);
    if (runner_ && runner_->isPaced())
        runner_->setSpeed(speed_);
}

void RunSession::seek(qint64 ns)
{
    if (isLive())
        return;  // the past is replayable once the run ends; now the playhead is the program's clock
    carry_ = 0;
    if (playing_)
        clock_.restart();
    setPlayhead(ns);
}

void RunSession::restart()
{
    if (!model_ || isLive())
        return;
    seek(model_->startTime());
    setPlaying(true);
}

void RunSession::stepForward()
{
    if (!model_ || isRealTime())
        return;
    setPlaying(false);
    if (model_->update())
        emit modelUpdated();
    if (isLive()) {
        // The program runs up to its next event and pauses; the playhead follows its clock.
        runner_->stepOnce();
        return;
    }
    setPlayhead(model_->nextEventTime(playhead_));
}

void RunSession::stepBack()
{
    if (!model_ || isLive())
        return;
    setPlaying(false);
    setPlayhead(model_->previousEventTime(playhead_));
}

void RunSession::skipToEnd()
{
    if (!model_)
        return;
    if (isLive()) {
        if (isRealTime())
            return;
        // Playing first: resuming a paused runner would end its run to the end.
        setPlaying(true);
        runner_->runToEnd();
        return;
    }
    if (model_->update())
        emit modelUpdated();
    setPlayhead(model_->endTime());
    if (!running_)
        setPlaying(false);
}

void RunSession::tick()
{
    if (!model_) {
        updateTimer();
        return;
    }
    if (model_->update())
        emit modelUpdated();
    const bool live = isLive();
    const bool tooMany = maxEvents_ && model_->eventCount() > maxEvents_;
    const bool tooLong = !live && maxVirtualNs_ && model_->endTime() > maxVirtualNs_;
    if (running_ && !limitHit_ && runner_ && (tooMany || tooLong)) {
        limitHit_ = true;
        runner_->stop();
        RunDiagnostic d;
        d.kind = RunDiagnostic::Kind::Stopped;
        d.severity = RunDiagnostic::Severity::Warning;
        d.time = -1;  // news about the run, shown at once
        d.message = live ? QStringLiteral("Stopped: the run recorded more than %1 events, the most this window keeps in memory.")
                               .arg(maxEvents_)
                    : tooMany ? QStringLiteral("Stopped: the program recorded more than %1 events; does it ever end?").arg(maxEvents_)
                              : QStringLiteral("Stopped: the program was still running after %1 s of loop time; does it ever end?")
                                    .arg(maxVirtualNs_ / 1'000'000'000);
        emit diagnostic(d);
    }
    if (live) {
        followRunner();
    } else if (playing_) {
        const qint64 wall = clock_.nsecsElapsed();
        clock_.restart();
        const double advance = double(wall) * speed_ + carry_;
        const qint64 step = qint64(std::floor(advance));
        carry_ = advance - double(step);
        const qint64 end = model_->endTime();
        qint64 next = playhead_ + step;
        if (next >= end) {
            next = end;
            carry_ = 0;
        }
        setPlayhead(next);
        if (!running_ && playhead_ >= end) {
            setPlaying(false);
            emit playbackFinished();
        }
    }
    updateTimer();
}
