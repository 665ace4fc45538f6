#include <app/command_demos.hpp>

#include <cstdio>

int demosCommand(const QStringList& args)
{
    if (!args.isEmpty()) {
        std::fprintf(stderr, "loopscope demos: unexpected argument '%s'\nusage: loopscope demos\n", qPrintable(args.first()));
        return 2;
    }
    DemoCatalog::ensureResources();
    const QList<Demo> demos = DemoCatalog::load();
    qsizetype width = 0;
    for (const Demo& d : demos)
        width = std::max(width, d.name.size());
    for (const Demo& d : demos) {
        std::printf("%-*s  %s\n", int(width), qPrintable(d.name), qPrintable(d.title));
        std::printf("%-*s  %s\n", int(width), "", qPrintable(d.lesson));
    }
    std::printf("\nRun one with: loopscope run --demo NAME (prints what it prints),\n"
                "draw it with: loopscope export --demo NAME -o NAME.png, or open it in the window.\n");
    return 0;
}

std::optional<Demo> findDemoByName(const QString& name, QString* error)
{
    DemoCatalog::ensureResources();
    const QList<Demo> demos = DemoCatalog::load();
    const Demo demo = DemoCatalog::find(demos, name);
    if (!demo.path.isEmpty())
        return demo;
    QStringList names;
    for (const Demo& d : demos)
        names << d.name;
    if (error)
        *error = QStringLiteral("no demo called '%1'; the demos are: %2").arg(name, names.join(QLatin1String(", ")));
    return std::nullopt;
}
