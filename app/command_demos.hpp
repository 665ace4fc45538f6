// `loopscope demos`: lists the built-in demos (name, title, lesson) on stdout.
// Threading: the main thread.
#pragma once

#include <QStringList>

// `args`: the words after "demos" (none are accepted). Returns the exit status.
int demosCommand(const QStringList& args);
