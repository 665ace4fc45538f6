// The Qt bridge's cost (issue 5): the same work run by EventLoop::run_forever and by
// LoopDriver on a Qt event loop (run to the end, default 4 ms slices), and how often
// the driver gave Qt control back meanwhile.
#include "bench_support.hpp"

#include <qt/loop_driver.hpp>

#include <engine/engine.hpp>

#include <QCoreApplication>
#include <QEventLoop>

#include <cstdio>
#include <functional>
#include <random>

namespace {

using Fill = std::function<void(aio::EventLoop&)>;

double plain(const Fill& fill)
{
    aio::EventLoop loop;
    fill(loop);
    loop.call_later(1e9, [&loop] { loop.stop(); });  // after everything else
    const double t0 = bench::now_s();
    loop.run_forever();
    return bench::now_s() - t0;
}

double driven(const Fill& fill, std::uint64_t* wakeups)
{
    aio::EventLoop loop;
    fill(loop);
    aio_qt::LoopDriver d(loop);
    QEventLoop qt;
    QObject::connect(&d, &aio_qt::LoopDriver::finished, &qt, &QEventLoop::quit);
    d.runToEnd();
    const double t0 = bench::now_s();
    d.start();
    qt.exec();
    const double s = bench::now_s() - t0;
    *wakeups = d.wakeups();
    return s;
}

void row(const char* name, int n, const char* unit, const Fill& fill)
{
    const double p = plain(fill);
    std::uint64_t wakeups = 0;
    const double d = driven(fill, &wakeups);
    std::printf("%-34s run_forever %8.1f ns/%s   LoopDriver %8.1f ns/%s   (%.2fx, %llu slices)\n", name, p / n * 1e9, unit,
                d / n * 1e9, unit, d / p, static_cast<unsigned long long>(wakeups));
}

aio::Task<void> sleeper(int rounds)
{
    for (int i = 0; i < rounds; ++i)
        co_await aio::sleep(0.001 * (1 + i % 7));
}

}  // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    constexpr int kCallbacks = 1'000'000;
    row("1M ready callbacks, one batch", kCallbacks, "callback", [](aio::EventLoop& loop) {
        for (int i = 0; i < kCallbacks; ++i)
            loop.call_soon([] {});
    });
    constexpr int kTimers = 200'000;
    row("200k timers at random deadlines", kTimers, "timer", [](aio::EventLoop& loop) {
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> when(0, 1000);
        for (int i = 0; i < kTimers; ++i)
            loop.call_later(when(rng), [] {});
    });
    constexpr int kTasks = 1000, kRounds = 200;
    row("1000 tasks x 200 sleeps", kTasks * kRounds, "sleep", [](aio::EventLoop& loop) {
        for (int i = 0; i < kTasks; ++i)
            loop.create_task(sleeper(kRounds));
    });
    return 0;
}
