// ExportOptions: the `loopscope export` command line, parsed and checked.
//   loopscope export FILE.py|--demo NAME -o OUT.png|.svg|.pdf|.json
//       [--width W] [--height H] [--scale S] [--theme light|dark] [--from S] [--to S]
//       [--no-resources] [--title T] [--timeout SECONDS]
//   loopscope export --help
// Options also take the --name=value form. A bad command line gives a message (the
// caller prints it and exits 2). A plain value type; any thread.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

struct ExportOptions {
    enum class Format { Png, Svg, Pdf, Json };

    QString script;  // FILE.py, or empty with --demo
    QString demo;    // NAME, or empty
    QString output;  // -o / --output
    Format format = Format::Png;
    int width = 0;   // 0: default width (pictures)
    int height = 0;  // 0: fit every lane
    double scale = 1;
    QString theme = QStringLiteral("light");
    double fromSeconds = -1;  // negative: start of the run
    double toSeconds = -1;    // negative: end of the run
    bool showResources = true;
    QString title;   // empty: the script's file name or the demo's name
    double timeoutSeconds = 0;  // --timeout: stop the program after this many wall seconds (0: none)
    bool help = false;          // --help / -h: print the usage, nothing else is checked

    // What the command draws or writes about (FILE.py's name, or the demo name).
    QString sourceName() const;
};

// `args` are the words after "export". Returns the options, or nothing and a message.
std::optional<ExportOptions> parseExportOptions(const QStringList& args, QString* error);

// The usage text of the export command.
QString exportUsage();
