#include "command_run.hpp"

#include <app/command_demos.hpp>
#include <app/command_output_path.hpp>
#include <app/command_recording.hpp>
#include <app/command_timeout.hpp>
#include <script/runtime/script_run.hpp>
#include <ui/trace_json_writer.hpp>

#include <QFile>
#include <QFileInfo>

#include <atomic>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <functional>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

namespace {

bool parseSeconds(const QString& text, double& out)
{
    bool ok = false;
    double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v) || v <= 0)
        return false;
    out = v;
    return true;
}

// The write end of SignalWatcher's pipe, for the signal handler.
std::atomic<int> signalPipeWriteEnd{-1};

extern "C" void onRunSignal(int sig)
{
    // Only async-signal-safe calls here: hand the signal number to the watcher thread.
    const int savedErrno = errno;
    const unsigned char c = static_cast<unsigned char>(sig);
    const int fd = signalPipeWriteEnd.load();
    if (fd >= 0 && ::write(fd, &c, 1) < 0) {
        // Nothing to do: a full pipe already holds signals enough.
    }
    errno = savedErrno;
}

// SIGINT and SIGTERM during a run, turned into calls on a thread of their own (the
// self-pipe trick). SIGINT is left alone when the shell ignores it (a background job), as
// CPython leaves it.
class SignalWatcher {
public:
    explicit SignalWatcher(std::function<void(int)> onSignal) : onSignal_(std::move(onSignal))
    {
        if (::pipe2(pipe_, O_CLOEXEC) != 0)
            return;
        signalPipeWriteEnd.store(pipe_[1]);
        struct sigaction action {};
        action.sa_handler = onRunSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        struct sigaction current {};
        sigaction(SIGINT, nullptr, &current);
        if (current.sa_handler != SIG_IGN)
            installed_[0] = sigaction(SIGINT, &action, &previous_[0]) == 0;
        installed_[1] = sigaction(SIGTERM, &action, &previous_[1]) == 0;
        thread_ = std::thread([this] {
            for (;;) {
                unsigned char c = 0;
                const ssize_t n = ::read(pipe_[0], &c, 1);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0 || c == 0)
                    return;
                onSignal_(c);
            }
        });
    }
    ~SignalWatcher() { finish(); }
    SignalWatcher(const SignalWatcher&) = delete;
    SignalWatcher& operator=(const SignalWatcher&) = delete;

    // Restores the handlers there were (a signal from now on acts as usual) and ends the thread.
    void finish()
    {
        if (installed_[0])
            sigaction(SIGINT, &previous_[0], nullptr);
        if (installed_[1])
            sigaction(SIGTERM, &previous_[1], nullptr);
        installed_[0] = installed_[1] = false;
        if (thread_.joinable()) {
            const unsigned char quit = 0;
            while (::write(pipe_[1], &quit, 1) < 0 && errno == EINTR) {
            }
            thread_.join();
        }
        signalPipeWriteEnd.store(-1);
        for (int& fd : pipe_)
            if (fd >= 0) {
                ::close(fd);
                fd = -1;
            }
    }

private:
    std::function<void(int)> onSignal_;
    int pipe_[2] = {-1, -1};
    bool installed_[2] = {false, false};
    struct sigaction previous_[2] {};
    std::thread thread_;
};

}  // namespace

QString runUsage()
{
    return QStringLiteral(
        "usage: loopscope run FILE.py|--demo NAME [--realtime] [--timeout SECONDS] [--trace OUT.json]\n"
        "Runs the program headless on the virtual clock and prints what it prints.\n"
        "  --demo NAME         run a built-in demo (see `loopscope demos`)\n"
        "  --realtime          use the wall clock instead\n"
        "  --timeout SECONDS   give up after this many wall seconds (exit 3)\n"
        "  --trace OUT.json    also write the run's trace (opens in Perfetto and in Loopscope);\n"
        "                      a run that records more than %1 events, or %2 s of loop time\n"
        "                      on the virtual clock, is stopped there (exit 3)\n"
        "Ctrl+C cancels the main task as asyncio.run does (exit 130); a second one stops at once.\n")
        .arg(RunLimits::kMaxEvents)
        .arg(RunLimits::kMaxVirtualNs / 1'000'000'000);
}

bool parseRunArguments(const QStringList& args, RunCommandOptions& options, QString& error)
{
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        auto value = [&](const char* name, QString& out) {
            const QString prefix = QString::fromLatin1(name) + QLatin1Char('=');
            if (a.startsWith(prefix)) {
                out = a.mid(prefix.size());
                return true;
            }
            if (i + 1 >= args.size()) {
                error = QStringLiteral("option %1 needs a value").arg(QString::fromLatin1(name));
                return false;
            }
            out = args[++i];
            return true;
        };
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            options.help = true;
            return true;
        } else if (a == QLatin1String("--realtime")) {
            options.realtime = true;
        } else if (a == QLatin1String("--timeout") || a.startsWith(QLatin1String("--timeout="))) {
            QString v;
            if (!value("--timeout", v))
                return false;
            if (!parseSeconds(v, options.timeoutSeconds)) {
                error = QStringLiteral("--timeout needs a positive number of seconds, not '%1'").arg(v);
                return false;
            }
        } else if (a == QLatin1String("--demo") || a.startsWith(QLatin1String("--demo="))) {
            if (!value("--demo", options.demo))
                return false;
            if (options.demo.isEmpty()) {
                error = QStringLiteral("--demo needs a demo name (see `loopscope demos`)");
                return false;
            }
        } else if (a == QLatin1String("--trace") || a.startsWith(QLatin1String("--trace="))) {
            QString v;
            if (!value("--trace", v))
                return false;
            if (v.isEmpty()) {
                error = QStringLiteral("--trace needs a file name");
                return false;
            }
            if (!v.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) && !v.endsWith(QLatin1Char('/')) && !QFileInfo(v).isDir()) {
                error = QStringLiteral("--trace writes a Chrome trace: the file name must end in .json, not '%1'").arg(v);
                return false;
            }
            options.tracePath = v;
        } else if (a.startsWith(QLatin1Char('-')) && a != QLatin1String("-")) {
            error = QStringLiteral("unknown option '%1'").arg(a);
            return false;
        } else if (options.file.isEmpty()) {
            options.file = a;
        } else {
            error = QStringLiteral("only one program can run at a time (got '%1' and '%2')").arg(options.file, a);
            return false;
        }
    }
    if (!options.file.isEmpty() && !options.demo.isEmpty()) {
        error = QStringLiteral("give FILE.py or --demo NAME, not both");
        return false;
    }
    if (options.file.isEmpty() && options.demo.isEmpty()) {
        error = QStringLiteral("no program given: FILE.py or --demo NAME");
        return false;
    }
    return true;
}

int runCommand(const QStringList& args)
{
    RunCommandOptions options;
    QString error;
    if (!parseRunArguments(args, options, error)) {
        std::fprintf(stderr, "loopscope run: %s\n%s", qPrintable(error), qPrintable(runUsage()));
        return 2;
    }
    if (options.help) {
        std::printf("%s", qPrintable(runUsage()));
        return 0;
    }
    QByteArray source;
    QString filename, title;
    if (!options.demo.isEmpty()) {
        const std::optional<Demo> demo = findDemoByName(options.demo, &error);
        if (!demo) {
            std::fprintf(stderr, "loopscope run: %s\n", qPrintable(error));
            return 2;
        }
        source = demo->source.toUtf8();
        filename = title = demo->name + QLatin1String(".py");
    } else {
        QFile file(options.file);
        if (QFileInfo(options.file).isDir() || !file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "loopscope run: cannot open '%s': %s\n", qPrintable(options.file),
                         QFileInfo(options.file).isDir() ? "Is a directory" : qPrintable(file.errorString()));
            return 2;
        }
        source = file.readAll();
        filename = QFileInfo(options.file).absoluteFilePath();
        title = QFileInfo(options.file).fileName();
    }
    // Before the run: a trace that cannot be written should not cost a whole run.
    if (!options.tracePath.isEmpty()) {
        if (const QString problem = outputPathProblem(options.tracePath); !problem.isEmpty()) {
            std::fprintf(stderr, "loopscope run: --trace %s\n", qPrintable(problem));
            return 2;
        }
    }
    // A run on the wall clock is watched as it goes: each line reaches a pipe when printed.
    if (options.realtime)
        std::setvbuf(stdout, nullptr, _IOLBF, BUFSIZ);

    script::RunOptions runOptions;
    runOptions.virtual_clock = !options.realtime;
    runOptions.on_stdout = [](std::string_view text, double) { std::fwrite(text.data(), 1, text.size(), stdout); };
    runOptions.on_stderr = [](std::string_view text, double) {
        std::fflush(stdout);
        std::fwrite(text.data(), 1, text.size(), stderr);
        std::fflush(stderr);
    };
    LimitedRecording recording(!options.realtime);
    if (!options.tracePath.isEmpty())
        runOptions.tracer = &recording;
    script::ScriptRun run(std::string(source.constData(), std::size_t(source.size())), filename.toStdString(), runOptions);
    recording.setOnLimit([&run] { run.request_stop(); });

    std::atomic<bool> terminated{false};
    SignalWatcher signalWatcher([&](int sig) {
        if (sig == SIGTERM) {
            terminated.store(true);
            run.request_stop();
        } else {
            run.request_interrupt();
        }
    });
    RunTimeout timeout(run, options.timeoutSeconds);
    int code = run.run_to_end();
    timeout.finish();
    std::fflush(stdout);
    signalWatcher.finish();

    for (const auto& d : run.diagnostics()) {
        if (d.kind != script::Diagnostic::Kind::stopped)
            continue;
        if (terminated.load()) {
            std::fprintf(stderr, "loopscope run: terminated (SIGTERM); %s\n", d.message.c_str());
            code = 128 + SIGTERM;
        } else if (code == 130) {
            // "interrupted: task main at line 5 (...)": a second Ctrl+C, or one with no main task to cancel.
            const std::string where = d.message.substr(d.message.find(": ") + 2);
            std::fprintf(stderr, "loopscope run: interrupted (Ctrl+C), stopped at once: %s\nKeyboardInterrupt\n", where.c_str());
        } else if (recording.limitHit() != LimitedRecording::Limit::None) {
            std::fprintf(stderr, "loopscope run: stopped: %s\n  %s; the trace holds the run until then\n",
                         qPrintable(recording.limitMessage()), d.message.c_str());
        } else if (timeout.fired()) {
            std::fprintf(stderr, "loopscope run: timed out after %g s; %s\n", options.timeoutSeconds, d.message.c_str());
        } else {
            std::fprintf(stderr, "loopscope run: %s\n", d.message.c_str());
        }
    }
    if (!options.tracePath.isEmpty()) {
        TraceJsonWriteOptions w;
        w.title = title;
        w.generator = QStringLiteral("loopscope " LOOPSCOPE_VERSION);
        QString writeError;
        if (!writeTraceJsonFile(recording.recorder(), options.tracePath, w, &writeError)) {
            std::fprintf(stderr, "loopscope run: cannot write the trace: %s\n", qPrintable(writeError));
            return code == 0 ? 2 : code;
        }
    }
    return code;
}
