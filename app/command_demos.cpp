#include <app/command_demos.hpp>

#include <app/demo_catalog.hpp>

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
    std::printf("\nRun one with: loopscope export --demo NAME -o NAME.png, or open it in the window.\n");
    return 0;
}
