// RunSession: one run of one program, as the window sees it. It owns the run's Recorder and
// TimelineModel, plays the recorded virtual time back against the wall clock (pause, speed
// 0.1x..10x, step, seek, restart: the recorded trace is the source of truth, so going back
// never re-runs anything), and turns what the runner reports into Qt signals on the GUI thread.
//
// What actually runs a program is a ProgramRunner, made by the session's factory; the run
// mode picks one. Replay (the default) runs Python with script::ScriptRun on a thread of its
// own, on the virtual clock, as fast as it can, and the session replays the recording. The
// live modes (LiveScriptRunner) pace the program itself on the Qt bridge: while such a run
// runs, the playhead is the runner's clock and the playback controls go to the runner
// (pause, speed and step act on the program); once it ends, the recording is replayed and
// seeked as after any run. Tests plug in C++ programs with FunctionRunner; showRecording()
// shows a trace recorded elsewhere.
// Threading: RunSession lives on the GUI thread. A runner may call its Sink from any thread.
#pragma once

#include <app/run_limits.hpp>
#include <ui/timeline_model.hpp>

#include <engine/recorder.hpp>

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

struct RunDiagnostic {
    enum class Severity { Error, Warning };
    // What kind of trouble (the window shows a deadlock with its lanes, a stop as news).
    enum class Kind { Syntax, Exception, Deadlock, Stopped, Stuck, Other };
    Severity severity = Severity::Error;
    Kind kind = Kind::Other;
    QString message;   // one line: "NameError: name 'x' is not defined"
    QString details;   // the full text, if any: traceback, wait-for report
    QString fileName;
    int line = 0;      // 1-based; 0 when unknown
    int column = 0;    // 1-based; 0 when unknown
    qint64 time = -1;  // virtual time it happened at, < 0 for errors before the run (syntax)
};

enum class RunOutcome {
    Finished,    // the program ended normally
    Failed,      // syntax error, uncaught exception
    Deadlocked,  // no task could make progress (the trace holds a deadlock event)
    Stopped,     // the user pressed Stop
};

// Runs a program into a Recorder. Implementations: FunctionRunner (below, for tests and
// C++ programs), the Python script runner that runs ahead (run_session.cpp) and the live
// one (live_script_runner.hpp).
class ProgramRunner {
public:
    // What a runner reports. Callable from any thread; `finished` exactly once, last.
    struct Sink {
        // Program output that is not in the trace (prints are: the trace's print events are
        // what the console shows). Text may hold partial lines; the session splits it into
        // lines. `timeNs` is the loop time it was written at; < 0: the latest recorded time.
        std::function<void(const QString& text, qint64 timeNs)> stdoutText;
        std::function<void(const QString& text, qint64 timeNs)> stderrText;
        std::function<void(const RunDiagnostic& d)> diagnostic;
        std::function<void(RunOutcome outcome, const QString& message)> finished;
    };

    virtual ~ProgramRunner() = default;  // must stop and join anything it started
    // Starts running `source` (named `fileName` in messages), recording into `recorder`, which
    // outlives the runner. May run on the calling thread or on its own.
    virtual void start(const QString& source, const QString& fileName, aio::Recorder& recorder, Sink sink) = 0;
    // Any thread. Ends the run soon; `finished(Stopped)` follows unless it already ended.
    virtual void stop() = 0;

    // Runners that pace the program themselves (the Qt bridge plays virtual time against
    // the wall clock) get the playback controls too. Others run ahead and the session
    // replays what they recorded.
    virtual bool isPaced() const { return false; }
    // Paced by the wall clock: speed, pause and step do nothing.
    virtual bool isRealTime() const { return false; }
    // A paced runner's clock (loop time, ns) as it is now; -1 when it has none. Its thread.
    virtual qint64 currentTime() const { return -1; }
    virtual void setSpeed(double) {}
    virtual void setPaused(bool) {}
    virtual void stepOnce() {}
    virtual void runToEnd() {}
};

// A runner that calls a C++ function on the calling thread (a program written with the
// engine's coroutines, a trace simulator). The function's return value is the outcome;
// `message` goes with it.
class FunctionRunner final : public ProgramRunner {
public:
    using Program = std::function<RunOutcome(const QString& source, aio::Recorder& recorder, Sink& sink, QString& message)>;
    explicit FunctionRunner(Program program) : program_(std::move(program)) {}
    void start(const QString& source, const QString& fileName, aio::Recorder& recorder, Sink sink) override;
    void stop() override {}

private:
    Program program_;
};

class RunSession : public QObject {
    Q_OBJECT
public:
    using RunnerFactory = std::function<std::unique_ptr<ProgramRunner>()>;

    // How Python programs run (see the top of this file).
    enum class RunMode {
        Replay,         // run ahead on the virtual clock, then play the recording back
        LivePaced,      // live, on the virtual clock paced at the session's speed
        LiveWallClock,  // live, on the real clock (1x, no pause or step)
    };
    Q_ENUM(RunMode)

    explicit RunSession(QObject* parent = nullptr);
    ~RunSession() override;

    // Who runs programs. The default runs Python through the script runner when this build
    // has one, and otherwise reports that it cannot. The next start() uses the new one.
    void setRunnerFactory(RunnerFactory factory);
    static RunnerFactory defaultRunnerFactory();
    static bool canRunPython();
    // Picks the runner for `mode` (replacing any factory set by hand).
    void setRunMode(RunMode mode);
    RunMode runMode() const { return mode_; }
    static RunnerFactory runnerFactory(RunMode mode);
    // This build can run programs live (it has the Qt bridge).
    static bool canRunLive();

    // Starts a new run (stopping the previous one) and plays it from the beginning.
    void start(const QString& source, const QString& fileName);
    // Shows a run recorded elsewhere (a loaded trace, a test) as if it had just finished.
    void showRecording(std::unique_ptr<aio::Recorder> recorder, RunOutcome outcome = RunOutcome::Finished,
                       const QString& name = QString());
    void stop();
    bool isRunning() const { return running_; }
    // The program runs now, paced by its runner: the playhead is the runner's clock, and
    // seek, restart and step back wait for the end of the run.
    bool isLive() const { return running_ && runner_ && runner_->isPaced(); }
    // A live run on the wall clock: it cannot be paused, stepped or sped up.
    bool isRealTime() const { return isLive() && runner_->isRealTime(); }
    bool hasRun() const { return model_ != nullptr; }
    RunOutcome outcome() const { return outcome_; }
    QString fileName() const { return fileName_; }

    // The current run's recording and model (null before the first run). Both are replaced
    // by the next start(); runStarted() says when.
    const aio::Recorder* recorder() const { return recorder_.get(); }
    TimelineModel* model() const { return model_.get(); }

    // A runner that runs ahead could record forever (`while True: await sleep(1)` on a
    // virtual clock): past these limits the session stops it and says why. 0: no limit.
    // A live run may run as long as it likes: only the event limit (memory) applies.
    void setRunLimits(std::size_t maxEvents, qint64 maxVirtualNs);

    // ---- playback (virtual ns)
    qint64 playhead() const { return playhead_; }
    bool isPlaying() const { return playing_; }
    double speed() const { return speed_; }
    // True when the playhead is at the end of a finished run.
    bool atEnd() const;

public slots:
    void play();
    void pause();
    void setSpeed(double speed);
    void seek(qint64 ns);
    void restart();
    void stepForward();
    void stepBack();
    // Jumps to the end of what is recorded (and asks a paced runner to finish at full speed).
    void skipToEnd();
    // Reads the recorder and moves the playhead; the session's timer calls it every frame.
    void tick();

signals:
    // A new run began; model() and recorder() are the new ones (the old ones die after this).
    void runStarted();
    // The model read new events.
    void modelUpdated();
    void playheadChanged(qint64 ns);
    void playingChanged(bool playing);
    // One whole line of program output, stamped with the loop's time when it was written.
    void outputLine(qint64 time, const QString& line, bool isStderr);
    void diagnostic(const RunDiagnostic& d);
    // The program ended (the playback may still be replaying it).
    void runFinished(RunOutcome outcome, const QString& message);
    // The playhead reached the end of a finished run.
    void playbackFinished();

private:
    void beginRun(std::unique_ptr<aio::Recorder> recorder);
    void finishRun(quint64 generation, RunOutcome outcome, const QString& message);
    void takeOutput(quint64 generation, qint64 time, const QString& text, bool isStderr);
    void flushOutput();
    void setPlaying(bool on);
    // Past the end of the recording only while live (the runner's clock runs ahead of it).
    void setPlayhead(qint64 ns, bool live = false);
    void followRunner();
    void updateTimer();
    ProgramRunner::Sink makeSink();

    RunnerFactory factory_;
    RunMode mode_ = RunMode::Replay;
    std::unique_ptr<ProgramRunner> runner_;
    std::unique_ptr<aio::Recorder> recorder_;
    std::unique_ptr<TimelineModel> model_;
    quint64 generation_ = 0;
    bool running_ = false;
    RunOutcome outcome_ = RunOutcome::Finished;
    QString fileName_;
    QString partial_[2];  // unfinished stdout / stderr line
    qint64 partialTime_[2] = {0, 0};

    std::size_t maxEvents_ = RunLimits::kMaxEvents;
    qint64 maxVirtualNs_ = RunLimits::kMaxVirtualNs;
    bool limitHit_ = false;

    QTimer timer_;
    QElapsedTimer clock_;
    qint64 playhead_ = 0;
    double carry_ = 0;  // sub-nanosecond remainder at slow speeds
    bool playing_ = false;
    double speed_ = 1.0;
};
