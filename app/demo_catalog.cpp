#include <app/demo_catalog.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

static void initLoopscopeResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace {

// "01_gather_three" -> "Gather three": the title when a demo has no header.
QString titleFromName(const QString& name)
{
    QString s = name;
    s.remove(QRegularExpression(QStringLiteral("^\\d+[_\\-\\s]*")));
    s.replace(QLatin1Char('_'), QLatin1Char(' '));
    s.replace(QLatin1Char('-'), QLatin1Char(' '));
    s = s.trimmed();
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

// The header: leading comment lines (after a shebang or coding line), or a module docstring.
QStringList headerLines(const QString& source)
{
    QStringList out;
    const QStringList lines = source.split(QLatin1Char('\n'));
    int i = 0;
    auto skippable = [](const QString& l) {
        return l.startsWith(QLatin1String("#!")) || l.contains(QRegularExpression(QStringLiteral("^#.*coding[:=]")));
    };
    while (i < lines.size() && (lines[i].trimmed().isEmpty() || skippable(lines[i].trimmed())))
        ++i;
    if (i < lines.size() && lines[i].trimmed().startsWith(QLatin1Char('#'))) {
        for (; i < lines.size(); ++i) {
            const QString l = lines[i].trimmed();
            if (!l.startsWith(QLatin1Char('#')))
                break;
            QString body = l.mid(1);
            if (body.startsWith(QLatin1Char(' ')))
                body = body.mid(1);
            out << body.trimmed();
        }
        return out;
    }
    if (i < lines.size()) {
        const QString l = lines[i].trimmed();
        for (const QString& q : {QStringLiteral("\"\"\""), QStringLiteral("'''")}) {
            if (!l.startsWith(q))
                continue;
            QString rest = l.mid(3);
            for (;;) {
                const int end = int(rest.indexOf(q));
                if (end >= 0) {
                    out << rest.left(end).trimmed();
                    return out;
                }
                out << rest.trimmed();
                if (++i >= lines.size())
                    return out;
                rest = lines[i];
            }
        }
    }
    return out;
}

}  // namespace

Demo DemoCatalog::parse(const QString& name, const QString& source)
{
    Demo d;
    d.name = name;
    d.source = source;
    const QStringList header = headerLines(source);
    static const QRegularExpression key(QStringLiteral("^(title|lesson|demo|name|expect)\\s*:\\s*(.*)$"),
                                        QRegularExpression::CaseInsensitiveOption);
    QStringList free;
    QString* continuing = nullptr;
    for (const QString& l : header) {
        const QRegularExpressionMatch m = key.match(l);
        if (m.hasMatch()) {
            const QString k = m.captured(1).toLower();
            continuing = k == QLatin1String("lesson") ? &d.lesson : k == QLatin1String("expect") ? &d.expect : &d.title;
            *continuing = m.captured(2).trimmed();
            continue;
        }
        if (l.isEmpty()) {
            continuing = nullptr;
            if (!free.isEmpty() && !free.last().isEmpty())
                free << QString();
            continue;
        }
        // A keyed value may wrap onto following comment lines.
        if (continuing) {
            *continuing += QLatin1Char(' ') + l;
            continue;
        }
        free << l;
    }
    while (!free.isEmpty() && free.last().isEmpty())
        free.removeLast();
    if (d.title.isEmpty() && !free.isEmpty())
        d.title = free.takeFirst();
    if (d.lesson.isEmpty()) {
        // The first paragraph after the title.
        QStringList para;
        for (const QString& l : free) {
            if (l.isEmpty()) {
                if (!para.isEmpty())
                    break;
                continue;
            }
            para << l;
        }
        d.lesson = para.join(QLatin1Char(' '));
    }
    // "Gather — three sleepers" style headers keep their punctuation; a trailing period on a
    // title reads oddly in the list.
    if (d.title.endsWith(QLatin1Char('.')) && !d.title.endsWith(QLatin1String("...")))
        d.title.chop(1);
    if (d.title.isEmpty())
        d.title = titleFromName(name);
    return d;
}

void DemoCatalog::ensureResources()
{
    static const bool once = (initLoopscopeResources(), true);
    (void)once;
}

QList<Demo> DemoCatalog::load(const QString& dir)
{
    ensureResources();
    QList<Demo> out;
    QDir d(dir);
    const QStringList files = d.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name);
    for (const QString& f : files) {
        QFile file(d.filePath(f));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        Demo demo = parse(QFileInfo(f).completeBaseName(), QString::fromUtf8(file.readAll()));
        demo.path = d.filePath(f);
        out << demo;
    }
    return out;
}

Demo DemoCatalog::find(const QList<Demo>& demos, const QString& name)
{
    QString n = name;
    if (n.endsWith(QLatin1String(".py")))
        n.chop(3);
    for (const Demo& d : demos)
        if (d.name == n)
            return d;
    // "gather" also finds "01_gather".
    for (const Demo& d : demos)
        if (titleFromName(d.name).compare(titleFromName(n), Qt::CaseInsensitive) == 0)
            return d;
    return {};
}
