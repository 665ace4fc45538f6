// `loopscope demos`: lists the built-in demos (name, title, lesson) on stdout; and the
// lookup of one demo by name that `run --demo` and `export --demo` share.
// Threading: the main thread (needs a Q*Application for the resources).
#pragma once

#include <app/demo_catalog.hpp>

#include <QStringList>

#include <optional>

// `args`: the words after "demos" (none are accepted). Returns the exit status.
int demosCommand(const QStringList& args);

// The built-in demo called `name`. Not found: nothing, and in *error a message naming the
// demos there are (the caller prints it and exits 2).
std::optional<Demo> findDemoByName(const QString& name, QString* error);
