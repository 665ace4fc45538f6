// Trace files and picture export at scale: records a 10,000-task run of about a million
// events on the real engine (workers sharing a Semaphore and sleeping), writes its JSON
// trace, reads it back, and exports a 3840x2160 PNG. Prints seconds for each
// (targets: load <= 2 s, PNG <= 1 s). Deterministic: virtual clock, fixed durations.
#include <ui/timeline_export.hpp>
#include <ui/trace_json_reader.hpp>
#include <ui/trace_json_writer.hpp>

#include <engine/engine.hpp>

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>

#include <chrono>
#include <ctime>
#include <cstdio>

namespace {

double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// CPU seconds of this process: on a shared machine the wall figure includes waiting.
double cpuSeconds()
{
    return double(std::clock()) / CLOCKS_PER_SEC;
}

void recordRun(aio::Recorder& rec, int tasks, int rounds)
{
    aio::EventLoop loop;
    loop.set_tracer(&rec);
    aio::Semaphore sem(loop, 200, "pool");
    auto worker = [&](int i) -> aio::Task<int> {
        for (int r = 0; r < rounds; ++r) {
            co_await sem.acquire();
            co_await aio::sleep(0.001 * (1 + (i * 7 + r * 13) % 17));
            sem.release();
            co_await aio::sleep(0.0005 * (1 + (i + r) % 5));
        }
        co_return i;
    };
    auto main = [&]() -> aio::Task<long> {
        std::vector<aio::TaskHandle<int>> all;
        all.reserve(std::size_t(tasks));
        for (int i = 0; i < tasks; ++i)
            all.push_back(loop.create_task(worker(i), "worker-" + std::to_string(i)));
        long sum = 0;
        for (auto& t : all)
            sum += co_await t;
        co_return sum;
    };
    loop.run_until_complete(main());
}

}  // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::tempPath();
    const QString tracePath = dir + QStringLiteral("/loopscope_bench_trace.json");
    const QString pngPath = dir + QStringLiteral("/loopscope_bench_4k.png");

    aio::Recorder rec;
    auto t0 = std::chrono::steady_clock::now();
    double c0 = cpuSeconds();
    recordRun(rec, 10'000, 7);
    std::printf("run: 10000 tasks, %zu events recorded: wall %.3f s, CPU %.3f s\n", rec.size(), secondsSince(t0), cpuSeconds() - c0);

    QString error;
    t0 = std::chrono::steady_clock::now();
    c0 = cpuSeconds();
    if (!writeTraceJsonFile(rec, tracePath, {QStringLiteral("bench"), QStringLiteral("bench_ui_trace_io")}, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::printf("write trace:           wall %.3f s, CPU %.3f s  (%.1f MB)\n", secondsSince(t0), cpuSeconds() - c0,
                double(QFileInfo(tracePath).size()) / 1e6);

    t0 = std::chrono::steady_clock::now();
    c0 = cpuSeconds();
    const auto back = readTraceJsonFile(tracePath, &error);
    const double readWall = secondsSince(t0), readCpu = cpuSeconds() - c0;
    if (!back) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    TimelineModel model(*back);
    model.update();
    std::printf("read trace:            wall %.3f s, CPU %.3f s  (%zu events)\n", readWall, readCpu, back->size());
    std::printf("read + timeline model: wall %.3f s, CPU %.3f s  (target <= 2)\n", secondsSince(t0), cpuSeconds() - c0);

    TimelineExportOptions o;
    o.width = 3840;
    o.height = 2160;
    o.title = QStringLiteral("bench: 10,000 tasks");
    t0 = std::chrono::steady_clock::now();
    c0 = cpuSeconds();
    const TimelineExport page(model, o);
    if (!page.save(pngPath, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::printf("export PNG 3840x2160:  wall %.3f s, CPU %.3f s  (target <= 1; paint, encode, write %.1f MB)\n",
                secondsSince(t0), cpuSeconds() - c0, double(QFileInfo(pngPath).size()) / 1e6);
    t0 = std::chrono::steady_clock::now();
    c0 = cpuSeconds();
    const QImage img = page.toImage(&error);
    std::printf("  of which painting:   wall %.3f s, CPU %.3f s\n", secondsSince(t0), cpuSeconds() - c0);

    t0 = std::chrono::steady_clock::now();
    c0 = cpuSeconds();
    const QByteArray pdf = page.toPdf(&error);
    std::printf("export PDF:            wall %.3f s, CPU %.3f s  (%.1f MB)\n", secondsSince(t0), cpuSeconds() - c0, double(pdf.size()) / 1e6);
    t0 = std::chrono::steady_clock::now();
    c0 = cpuSeconds();
    const QByteArray svg = page.toSvg(&error);
    std::printf("export SVG:            wall %.3f s, CPU %.3f s  (%.1f MB)\n", secondsSince(t0), cpuSeconds() - c0, double(svg.size()) / 1e6);
    if (argc <= 1) {  // bench_ui_trace_io DIR keeps the files to look at
        QFile::remove(tracePath);
        QFile::remove(pngPath);
    }
    return 0;
}
