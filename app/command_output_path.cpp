#include <app/command_output_path.hpp>

#include <QDir>
#include <QFileInfo>

QString outputPathProblem(const QString& path)
{
    const QFileInfo target(path);
    if (path.endsWith(QLatin1Char('/')) || target.isDir())
        return QStringLiteral("%1: is a directory; give a file name in it").arg(path);
    if (target.exists() && !target.isWritable())
        return QStringLiteral("%1: Permission denied").arg(path);
    const QFileInfo folder(target.absolutePath());
    // Name the folder as the user wrote it (a relative path stays relative).
    QString shown = QFileInfo(path).path();
    if (!folder.exists()) {
        // The nearest part of the path that exists says which error it is.
        QString up = folder.absoluteFilePath();
        while (!QFileInfo::exists(up) && QFileInfo(up).absolutePath() != up)
            up = QFileInfo(up).absolutePath();
        if (QFileInfo(up).isFile())
            return QStringLiteral("%1: Not a directory").arg(path);
        return QStringLiteral("%1: No such file or directory (there is no folder %2)").arg(path, shown);
    }
    if (!folder.isDir())
        return QStringLiteral("%1: Not a directory").arg(path);
    if (!folder.isWritable())
        return QStringLiteral("%1: Permission denied (cannot write in %2)").arg(path, shown);
    return {};
}
