// Paints the timeline of a synthetic 10,000-task, 1,000,000-event run at 1920x1080,
// zoomed out, mid-zoom and zoomed in, and prints ms per frame (target <= 16) and the
// model's bytes per event (target <= 64). Deterministic: a fixed LCG drives the run.
#include <ui/timeline_model.hpp>
#include <ui/timeline_painter.hpp>

#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

namespace {

struct Lcg {
    std::uint64_t s = 0x2545F4914F6CDD1DULL;
    std::uint32_t next()
    {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        return std::uint32_t(s >> 33);
    }
};

void put(aio::Recorder& rec, qint64 t, aio::EventKind k, aio::ObjectId a, aio::ObjectId b = 0, std::int64_t value = 0,
         std::string_view text = {}, std::uint8_t sub = 0)
{
    aio::TraceRecord r;
    r.time_ns = t;
    r.kind = k;
    r.a = a;
    r.b = b;
    r.value = value;
    r.text = text;
    r.sub = sub;
    rec.record(r);
}

// 10,000 tasks under 100 parents, taking turns on the loop: each turn is ready -> running
// -> waiting on one of six kinds of thing; 8 semaphores and a queue change state as they go.
void buildRun(aio::Recorder& rec, std::size_t targetEvents, int tasks)
{
    Lcg rng;
    const aio::ObjectId firstTask = 100;
    const aio::ObjectId firstResource = 50;
    qint64 t = 0;
    put(rec, t, aio::EventKind::task_created, 1, 0, 0, "main");
    for (int r = 0; r < 8; ++r)
        put(rec, t, aio::EventKind::resource_created, firstResource + aio::ObjectId(r), 1, 4, "pool-" + std::to_string(r),
            std::uint8_t(aio::ResourceKind::semaphore));
    put(rec, t, aio::EventKind::resource_created, firstResource + 8, 1, 100, "jobs", std::uint8_t(aio::ResourceKind::queue));
    for (int i = 0; i < tasks; ++i) {
        const aio::ObjectId creator = i < 100 ? 1 : firstTask + aio::ObjectId(i % 100);
        put(rec, t, aio::EventKind::task_created, firstTask + aio::ObjectId(i), creator, 0, "task-" + std::to_string(i));
    }
    const aio::WaitKind kinds[] = {aio::WaitKind::sleep, aio::WaitKind::semaphore, aio::WaitKind::event,
                                   aio::WaitKind::queue_get, aio::WaitKind::gather, aio::WaitKind::thread};
    const char* what[] = {"sleep(0.1)", "Semaphore 'pool'", "Event 'go'", "Queue 'jobs'.get()", "gather(...)", "run_in_executor"};
    std::vector<bool> started(std::size_t(tasks), false);
    while (rec.size() < targetEvents) {
        t += 20'000 + rng.next() % 60'000;  // 20..80 us between turns
        const int i = int(rng.next() % std::uint32_t(tasks));
        const aio::ObjectId id = firstTask + aio::ObjectId(i);
        if (started[std::size_t(i)]) {
            // Woken by another task or through a resource: both draw wake-up arrows.
            const std::uint32_t how = rng.next() % 3;
            const aio::ObjectId waker = how == 0 ? firstTask + rng.next() % std::uint32_t(tasks) : 0;
            const std::int64_t via = how == 1 ? firstResource + rng.next() % 9 : 0;
            put(rec, t, aio::EventKind::task_ready, id, waker, via);
        }
        started[std::size_t(i)] = true;
        put(rec, t + 2'000, aio::EventKind::task_resumed, id);
        const int k = int(rng.next() % 6);
        put(rec, t + 9'000, aio::EventKind::task_suspended, id, 0, std::int64_t(kinds[k]), what[k], std::uint8_t(kinds[k]));
        if (rng.next() % 4 == 0)
            put(rec, t + 9'000, aio::EventKind::resource_state, firstResource + rng.next() % 9, id, rng.next() % 5);
    }
    for (int i = 0; i < tasks; ++i)
        put(rec, t + 100'000, aio::EventKind::task_finished, firstTask + aio::ObjectId(i), 0, 0, "None");
}

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Per frame: the median wall time, and the best one (what the code costs when the shared
// machine leaves it alone), plus the median CPU time of this thread.
struct FrameTime {
    double wall, best, cpu;
};

FrameTime paintMs(TimelinePainter& p, QImage& img, int frames)
{
    std::vector<double> wall, cpu;
    for (int i = 0; i < frames; ++i) {
        const double c0 = threadCpuMs();
        const auto start = std::chrono::steady_clock::now();
        {
            QPainter qp(&img);
            p.paint(qp);
        }
        const auto end = std::chrono::steady_clock::now();
        cpu.push_back(threadCpuMs() - c0);
        wall.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    return {wall[wall.size() / 2], wall.front(), cpu[cpu.size() / 2]};
}

void report(const char* what, FrameTime t)
{
    std::printf("paint 1920x1080, %-40s median %6.2f ms, best %6.2f ms, CPU %6.2f ms (target <= 16)\n", what, t.wall,
                t.best, t.cpu);
}

}  // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int tasks = 10'000;
    const std::size_t events = 1'000'000;

    aio::Recorder rec;
    buildRun(rec, events, tasks);
    const auto t0 = std::chrono::steady_clock::now();
    TimelineModel model(rec);
    model.update();
    const auto t1 = std::chrono::steady_clock::now();
    const double n = double(model.eventCount());
    std::printf("run: %zu tasks, %.0f events, %.1f s of loop time\n", model.tasks().size(), n, double(model.endTime()) / 1e9);
    std::printf("model build: %.1f ms\n", std::chrono::duration<double, std::milli>(t1 - t0).count());
    std::printf("memory: model %.1f bytes/event, model + recorder %.1f bytes/event (target <= 64)\n",
                double(model.memoryBytes()) / n, double(model.memoryBytes() + rec.memory_bytes()) / n);

    QImage img(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    TimelinePainter painter(model);
    painter.setSize(QSizeF(1920, 1080));
    const int frames = 20;
    struct Mode { const char* name; qint64 from, to; qreal scroll; };
    const qint64 end = model.endTime();
    const qint64 mid = end / 2;
    const Mode modes[] = {
        {"zoomed out (whole run)", 0, end + end / 20, 0},
        {"zoomed out, scrolled to the middle lanes", 0, end + end / 20, 100'000},
        {"mid-zoom (1 s)", mid, mid + 1'000'000'000, 40'000},
        {"zoomed in (2 ms)", mid, mid + 2'000'000, 150'000},
    };
    {
        QPainter warm(&img);  // builds the layout and font caches once
        painter.paint(warm);
    }
    for (const Mode& m : modes) {
        painter.setTimeRange(m.from, m.to);
        painter.setScrollY(m.scroll);
        report(m.name, paintMs(painter, img, frames));
    }
    painter.setTimeRange(0, end + end / 20);
    painter.setScrollY(0);
    painter.setShowArrows(false);
    report("zoomed out, wake-up arrows off", paintMs(painter, img, frames));
    painter.setShowArrows(true);
    // The same with the playhead in the middle (scrubbing back).
    painter.setTimeRange(0, end + end / 20);
    painter.setScrollY(0);
    painter.setCutoff(mid);
    painter.setPlayhead(mid);
    report("zoomed out, playhead at half", paintMs(painter, img, frames));
    if (argc > 1)  // bench_ui_paint OUT.png: keep the last frame to look at
        img.save(QString::fromLocal8Bit(argv[1]));
    return 0;
}
