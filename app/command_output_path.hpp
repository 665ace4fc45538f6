// Checks a file the command line is about to write (`export -o`, `run --trace`) before any
// work starts, so that a typo in the path is a usage error reported at once rather than
// after a long run. Files are then written atomically (QSaveFile: a temporary file in the
// same folder, renamed over the target), which needs that folder to exist and be writable.
// Threading: any thread.
#pragma once

#include <QString>

// Empty when `path` can be written; else a message naming the path and why it cannot
// ("out/: is a directory", "nodir/x.png: No such file or directory", ...).
QString outputPathProblem(const QString& path);
