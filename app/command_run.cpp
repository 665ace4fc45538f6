#include "command_run.hpp"

#include <script/runtime/script_run.hpp>
#include <ui/trace_json_writer.hpp>

#include <engine/recorder.hpp>

#include <QFile>
#include <QFileInfo>

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

namespace {

const char* const kRunUsage = "usage: loopscope run FILE.py [--realtime] [--timeout SECONDS] [--trace OUT.json]\n";

bool parseSeconds(const QString& text, double& out)
{
    bool ok = false;
    double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v) || v <= 0)
        return false;
    out = v;
    return true;
}

}  // namespace

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
        if (a == QLatin1String("--realtime")) {
            options.realtime = true;
        } else if (a == QLatin1String("--timeout") || a.startsWith(QLatin1String("--timeout="))) {
            QString v;
            if (!value("--timeout", v))
                return false;
            if (!parseSeconds(v, options.timeoutSeconds)) {
                error = QStringLiteral("--timeout needs a positive number of seconds, not '%1'").arg(v);
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
            if (!v.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
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
    if (options.file.isEmpty()) {
        error = QStringLiteral("no program given");
        return false;
    }
    return true;
}

int runCommand(const QStringList& args)
{
    RunCommandOptions options;
    QString error;
    if (!parseRunArguments(args, options, error)) {
        std::fprintf(stderr, "loopscope run: %s\n%s", qPrintable(error), kRunUsage);
        return 2;
    }
    QFile file(options.file);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "loopscope run: cannot open '%s': %s\n", qPrintable(options.file), qPrintable(file.errorString()));
        return 2;
    }
    const QByteArray source = file.readAll();
    file.close();

    script::RunOptions runOptions;
    runOptions.virtual_clock = !options.realtime;
    runOptions.on_stdout = [](std::string_view text, double) { std::fwrite(text.data(), 1, text.size(), stdout); };
    runOptions.on_stderr = [](std::string_view text, double) {
        std::fflush(stdout);
        std::fwrite(text.data(), 1, text.size(), stderr);
        std::fflush(stderr);
    };
    aio::Recorder recorder;
    if (!options.tracePath.isEmpty())
        runOptions.tracer = &recorder;
    script::ScriptRun run(std::string(source.constData(), std::size_t(source.size())), QFileInfo(options.file).absoluteFilePath().toStdString(), runOptions);

    std::mutex mutex;
    std::condition_variable cv;
    bool done = false;
    std::thread watchdog;
    if (options.timeoutSeconds > 0) {
        const auto limit = std::chrono::duration<double>(options.timeoutSeconds);
        watchdog = std::thread([&] {
            std::unique_lock lock(mutex);
            if (!cv.wait_for(lock, limit, [&] { return done; }))
                run.request_stop();
        });
    }
    const int code = run.run_to_end();
    {
        std::lock_guard lock(mutex);
        done = true;
    }
    cv.notify_all();
    if (watchdog.joinable())
        watchdog.join();
    std::fflush(stdout);
    for (const auto& d : run.diagnostics())
        if (d.kind == script::Diagnostic::Kind::stopped)
            std::fprintf(stderr, "loopscope run: timed out after %g s; %s\n", options.timeoutSeconds, d.message.c_str());
    if (!options.tracePath.isEmpty()) {
        TraceJsonWriteOptions w;
        w.title = QFileInfo(options.file).fileName();
        w.generator = QStringLiteral("loopscope " LOOPSCOPE_VERSION);
        QString error;
        if (!writeTraceJsonFile(recorder, options.tracePath, w, &error)) {
            std::fprintf(stderr, "loopscope run: cannot write the trace: %s\n", qPrintable(error));
            return code == 0 ? 2 : code;
        }
    }
    return code;
}
