// Thread figures, side by side with CPython 3.11 (issue 3, "Threads"):
// run_coroutine_threadsafe into a loop running in a background thread, fed by
// 4 threads (submit all then collect; one call at a time), and to_thread.
#include "bench_support.hpp"

#include <engine/event_loop.hpp>
#include <engine/run_coroutine_threadsafe.hpp>
#include <engine/to_thread.hpp>

#include <thread>
#include <vector>

using namespace aio;

namespace {

constexpr int kThreads = 4;

Task<long> echo(long i) { co_return i; }

struct BackgroundLoop {
    std::unique_ptr<EventLoop> loop = EventLoop::with_real_clock();
    std::thread runner{[this] { loop->run_forever(); }};
    ~BackgroundLoop()
    {
        loop->call_soon_threadsafe([l = loop.get()] { l->stop(); });
        runner.join();
    }
};

// Seconds per call: every thread submits `calls` coroutines, then collects them
// (batched), or waits for each before the next (round trips).
double submit(int calls, bool round_trips)
{
    BackgroundLoop bg;
    std::atomic<long> total{0};
    const double t0 = bench::now_s();
    std::vector<std::thread> feeders;
    for (int t = 0; t < kThreads; ++t)
        feeders.emplace_back([&] {
            long sum = 0;
            if (round_trips) {
                for (long i = 0; i < calls; ++i)
                    sum += run_coroutine_threadsafe(echo(i), *bg.loop).result();
            } else {
                std::vector<ConcurrentFuture<long>> fs;
                fs.reserve(std::size_t(calls));
                for (long i = 0; i < calls; ++i)
                    fs.push_back(run_coroutine_threadsafe(echo(i), *bg.loop));
                for (auto& f : fs)
                    sum += f.result();
            }
            total += sum;
        });
    for (auto& f : feeders)
        f.join();
    const double dt = bench::now_s() - t0;
    if (total != long(kThreads) * calls * (calls - 1) / 2)
        std::printf("lost calls!\n");
    return dt / (double(kThreads) * calls);
}

// Seconds per call: one task starts n tasks, each awaiting to_thread(identity).
double to_thread_calls(int n)
{
    auto loop = EventLoop::with_real_clock();
    auto hop = [](long i) -> Task<long> { co_return co_await to_thread([](long x) { return x; }, i); };
    auto main = [&]() -> Task<long> {
        std::vector<TaskHandle<long>> ts;
        ts.reserve(std::size_t(n));
        for (long i = 0; i < n; ++i)
            ts.push_back(loop->create_task(hop(i)));
        long sum = 0;
        for (auto& t : ts)
            sum += co_await t;
        co_return sum;
    };
    const double t0 = bench::now_s();
    loop->run_until_complete(main());
    return (bench::now_s() - t0) / n;
}

const char* kPythonSubmit = R"(
import asyncio, threading, time
CALLS = %d
ROUND_TRIPS = %s
loop = asyncio.new_event_loop()
runner = threading.Thread(target=loop.run_forever); runner.start()
async def echo(i): return i
def feed():
    if ROUND_TRIPS:
        for i in range(CALLS): asyncio.run_coroutine_threadsafe(echo(i), loop).result()
    else:
        fs = [asyncio.run_coroutine_threadsafe(echo(i), loop) for i in range(CALLS)]
        for f in fs: f.result()
t0 = time.perf_counter()
ts = [threading.Thread(target=feed) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
dt = time.perf_counter() - t0
loop.call_soon_threadsafe(loop.stop); runner.join(); loop.close()
print(dt / (4 * CALLS))
)";

const char* kPythonToThread = R"(
import asyncio, time
N = %d
async def main():
    t0 = time.perf_counter()
    await asyncio.gather(*(asyncio.to_thread(lambda x: x, i) for i in range(N)))
    return time.perf_counter() - t0
print(asyncio.run(main()) / N)
)";

std::string format(const char* tmpl, int n, const char* flag = "")
{
    char buf[2048];
    std::snprintf(buf, sizeof buf, tmpl, n, flag);
    return buf;
}

}  // namespace

int main()
{
    std::printf("Threads: loop in a background thread, %d feeder threads; microseconds per call\n", kThreads);
    bench::row("run_coroutine_threadsafe, 4 x 25,000, batched", submit(25'000, false),
               bench::run_python(format(kPythonSubmit, 25'000, "False")), "us", 1e6);
    bench::row("run_coroutine_threadsafe, 4 x 2,500 round trips", submit(2'500, true),
               bench::run_python(format(kPythonSubmit, 2'500, "True")), "us", 1e6);
    bench::row("to_thread, 5,000 tasks", to_thread_calls(5'000), bench::run_python(format(kPythonToThread, 5'000)),
               "us", 1e6);
    return 0;
}
