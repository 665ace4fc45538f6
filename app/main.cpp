// The loopscope program. Until the window and the script runner land, it
// answers --version and --help and reports the commands that are not built yet.
#include <QCoreApplication>
#include <cstdio>
#include <cstring>

namespace {

const char* const kUsage =
    "usage: loopscope [FILE.py]\n"
    "       loopscope run FILE.py [--realtime] [--timeout SECONDS] [--trace OUT.json]\n"
    "       loopscope export FILE.py|--demo NAME -o OUT.png|.svg|.pdf|.json\n"
    "       loopscope demos\n"
    "       loopscope --help | --version\n";

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
    std::fprintf(stderr, "loopscope %s: this build has no window or script runner yet\n%s",
                 LOOPSCOPE_VERSION, kUsage);
    return 2;
}
