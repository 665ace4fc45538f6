// DemoCatalog: the built-in demos, read from the Qt resource system (:/demos/*.py). Each demo
// starts with a comment header that names it and states its lesson in one sentence:
//     # Title: Three sleepers in parallel
//     # Lesson: gather() runs the sleeps at the same time, so 5 + 3 + 4 s take 5 s.
//     # Expect: deadlock          (optional: how the demo ends when not normally)
// (Without the "Title:" / "Lesson:" keys, the first comment line is the title and the
// following comment lines, joined, are the lesson; a module docstring works the same way.)
// A plain value type; load() touches only files, so any thread.
#pragma once

#include <QList>
#include <QString>

struct Demo {
    QString name;    // file name without .py, e.g. "gather"
    QString path;    // ":/demos/gather.py"
    QString title;
    QString lesson;
    QString expect;  // "# Expect: deadlock": how the demo is meant to end, if not normally
    QString source;
};

class DemoCatalog {
public:
    // Every *.py in `dir` (a resource path or a folder), sorted by file name, which lets demo
    // files carry an order prefix ("01_gather.py").
    static QList<Demo> load(const QString& dir = QStringLiteral(":/demos"));
    // Title and lesson from a demo's header; `name` is the fallback title.
    static Demo parse(const QString& name, const QString& source);
    // The demo called `name` (file name, with or without .py), or one with an empty path.
    static Demo find(const QList<Demo>& demos, const QString& name);
    // Registers the app's resources (demos, icon): they live in a static library, whose
    // registration the linker may drop. Safe to call often.
    static void ensureResources();
};
