// The loopscope program: dispatches the command line to its commands.
#include "command_demos.hpp"
#include "command_export.hpp"
#include "command_run.hpp"
#include "main_window.hpp"

#include <QApplication>

#include <QGuiApplication>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cstdio>
#include <cstring>

namespace {

const char* const kUsage =
    "usage: loopscope [FILE.py]                 open the window (with FILE.py loaded)\n"
    "       loopscope run FILE.py|--demo NAME [--realtime] [--timeout SECONDS] [--trace OUT.json]\n"
    "                                           run headless on the virtual clock\n"
    "       loopscope export FILE.py|TRACE.json|--demo NAME -o OUT.png|.svg|.pdf|.json\n"
    "                 [--width W] [--height H] [--scale S] [--theme light|dark]\n"
    "                 [--from S] [--to S] [--no-resources] [--title T] [--timeout SECONDS]\n"
    "                                           draw a run (or a saved trace) to a file\n"
    "       loopscope demos                     list the built-in demos\n"
    "       loopscope TRACE.json                open a saved trace in the window\n"
    "       loopscope --help | --version        (`loopscope run --help`, `export --help`: their options)\n";

// The window's file argument, checked before any QApplication exists: without a display
// that would abort with a Qt platform error instead of naming the real problem. Returns
// the message to print, or nothing when the window can open it.
QString windowFileProblem(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return QStringLiteral("%1: No such file or directory").arg(path);
    if (info.isDir())
        return QStringLiteral("%1: Is a directory").arg(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    const QString ext = info.suffix().toLower();
    if (ext != QLatin1String("py") && ext != QLatin1String("json"))
        return QStringLiteral("%1: not a Python program (.py) or a trace (.json); did you mean a command? (run, export, demos)").arg(path);
    return {};
}

// Offscreen drawing makes Qt warn that XDG_RUNTIME_DIR is unset (usual on servers and in
// CI); that is noise to someone exporting a picture, so only that warning is dropped.
void quietOffscreenWarnings(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR")))
        return;
    std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc >= 2 && (std::strcmp(argv[1], "--version") == 0)) {
        std::printf("loopscope %s\n", LOOPSCOPE_VERSION);
        return 0;
    }
    if (argc >= 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
        std::printf("loopscope %s: see asyncio scheduling happen\n\n%s", LOOPSCOPE_VERSION, kUsage);
        return 0;
    }
    if (argc >= 2 && std::strcmp(argv[1], "run") == 0) {
        QCoreApplication app(argc, argv);
        QStringList args = QCoreApplication::arguments().mid(2);
        return runCommand(args);
    }
    if (argc >= 2 && std::strcmp(argv[1], "export") == 0) {
        // Pictures are drawn offscreen: export never needs (or opens) a display.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        qInstallMessageHandler(quietOffscreenWarnings);
        QGuiApplication app(argc, argv);
        return exportCommand(QCoreApplication::arguments().mid(2));
    }
    if (argc >= 2 && std::strcmp(argv[1], "demos") == 0) {
        QCoreApplication app(argc, argv);
        return demosCommand(QCoreApplication::arguments().mid(2));
    }
    // The window: `loopscope`, `loopscope FILE.py` or `loopscope TRACE.json`.
    if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
        std::fprintf(stderr, "loopscope: unknown command or option '%s'\n%s", argv[1], kUsage);
        return 2;
    }
    if (argc == 2) {
        const QString problem = windowFileProblem(QString::fromLocal8Bit(argv[1]));
        if (!problem.isEmpty()) {
            std::fprintf(stderr, "loopscope: %s\n", qPrintable(problem));
            return 2;
        }
    }
    QApplication app(argc, argv);
    return runWindow(app, argc == 2 ? QString::fromLocal8Bit(argv[1]) : QString());
}
