// Engine core figures, side by side with CPython 3.11's asyncio (issue 2):
// spawn + complete, switches, timers, bytes per suspended task, tracing cost.
#include "bench_support.hpp"

#include <engine/engine.hpp>

#include <random>
#include <unistd.h>
#include <vector>

using namespace aio;

namespace {

Task<int> noop() { co_return 1; }

double spawn_and_gather(int n)
{
    EventLoop loop;
    auto main = [&]() -> Task<long> {
        std::vector<TaskHandle<int>> tasks;
        tasks.reserve(n);
        for (int i = 0; i < n; ++i)
            tasks.push_back(loop.create_task(noop()));
        long sum = 0;
        for (auto& t : tasks)
            sum += co_await t;
        co_return sum;
    };
    const double t0 = bench::now_s();
    loop.run_until_complete(main());
    return bench::now_s() - t0;
}

double switches(int tasks, int rounds, Tracer* tracer)
{
    EventLoop loop;
    loop.set_tracer(tracer);
    auto worker = [rounds]() -> Task<void> {
        for (int i = 0; i < rounds; ++i)
            co_await aio::sleep(0);
    };
    auto main = [&]() -> Task<void> {
        std::vector<TaskHandle<void>> ts;
        for (int i = 0; i < tasks; ++i)
            ts.push_back(loop.create_task(worker()));
        for (auto& t : ts)
            co_await t;
    };
    const double t0 = bench::now_s();
    loop.run_until_complete(main());
    return bench::now_s() - t0;
}

double random_timers(int n)
{
    EventLoop loop;
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> delay(0, 100);
    auto sleeper = [](double d) -> Task<void> { co_await aio::sleep(d); };
    auto main = [&]() -> Task<void> {
        std::vector<TaskHandle<void>> ts;
        for (int i = 0; i < n; ++i)
            ts.push_back(loop.create_task(sleeper(delay(rng))));
        for (auto& t : ts)
            co_await t;
    };
    const double t0 = bench::now_s();
    loop.run_until_complete(main());
    return bench::now_s() - t0;
}

double bytes_per_suspended_task(int n)
{
    EventLoop loop;
    Future<int> gate = loop.create_future<int>();
    auto waiter = [&]() -> Task<int> { co_return co_await gate; };
    double per_task = 0;
    auto main = [&]() -> Task<void> {
        std::vector<TaskHandle<int>> ts;
        ts.reserve(n);
        const std::size_t before = bench::heap_in_use();
        for (int i = 0; i < n; ++i)
            ts.push_back(loop.create_task(waiter()));
        co_await aio::sleep(0.001);  // every waiter is now suspended on the gate
        per_task = double(bench::heap_in_use() - before) / n;
        gate.set_result(1);
        for (auto& t : ts)
            co_await t;
    };
    loop.run_until_complete(main());
    return per_task;
}

const char* kPySpawn = R"(
import asyncio, time
async def noop(): return 1
async def main():
    t0 = time.perf_counter()
    await asyncio.gather(*[asyncio.create_task(noop()) for _ in range(100000)])
    print(time.perf_counter() - t0)
asyncio.run(main())
)";
const char* kPySwitch = R"(
import asyncio, time
async def worker():
    for _ in range(1000): await asyncio.sleep(0)
async def main():
    t0 = time.perf_counter()
    await asyncio.gather(*[worker() for _ in range(1000)])
    print(time.perf_counter() - t0)
asyncio.run(main())
)";
const char* kPyTimers = R"(
import asyncio, time, random
async def main():
    random.seed(42)
    t0 = time.perf_counter()
    loop = asyncio.get_running_loop()
    futs = []
    for _ in range(100000):
        f = loop.create_future(); futs.append(f)
        loop.call_later(random.random() * 0.5, f.set_result, None)
    await asyncio.gather(*futs)
    print(time.perf_counter() - t0 - 0.5)
asyncio.run(main())
)";
const char* kPyMemory = R"(
import asyncio, tracemalloc
async def main():
    gate = asyncio.get_running_loop().create_future()
    async def waiter(): return await gate
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    ts = [asyncio.create_task(waiter()) for _ in range(100000)]
    await asyncio.sleep(0.001)
    per = (tracemalloc.get_traced_memory()[0] - before) / 100000
    tracemalloc.stop()
    gate.set_result(1)
    await asyncio.gather(*ts)
    print(per)
asyncio.run(main())
)";

}  // namespace

int main()
{
    std::printf("Loopscope engine core benchmark (best of 3; CPython 3.11 asyncio in the same run)\n\n");
    auto best = [](auto fn) {
        double b = 1e9;
        for (int i = 0; i < 3; ++i)
            b = std::min(b, fn());
        return b;
    };
    const double spawn = best([] { return spawn_and_gather(100'000); });
    bench::row("spawn + complete 100,000 tasks (us/task)", spawn / 1e5, bench::run_python(kPySpawn) / 1e5, "us", 1e6);

    const double sw = best([] { return switches(1000, 1000, nullptr); });
    bench::row("1,000 tasks x 1,000 sleep(0) (ns/switch)", sw / 1e6, bench::run_python(kPySwitch) / 1e6, "ns", 1e9);

    const double timers = best([] { return random_timers(100'000); });
    std::printf("%-46s %12.3f ms   (virtual clock; CPython real-clock figure excludes the 0.5 s of waiting: %.3f ms)\n",
                "100,000 random-delay timers", timers * 1e3, bench::run_python(kPyTimers) * 1e3);

    const double bytes = bytes_per_suspended_task(100'000);
    const double py_bytes = bench::run_python(kPyMemory);
    std::printf("%-46s %12.0f B    CPython %12.0f B\n", "bytes per suspended task (100,000 on one future)", bytes, py_bytes);

    // A fresh Recorder per run, as the window starts one per run: the first maps new
    // memory, later ones reuse the chunks the previous recorder gave back.
    std::size_t events = 0;
    double bytes_per_event = 0;
    auto traced = [&] {
        Recorder rec;
        const double t = switches(1000, 300, &rec);
        events = rec.size();
        bytes_per_event = double(rec.memory_bytes()) / double(rec.size());
        return t;
    };
    const double off = best([] { return switches(1000, 300, nullptr); });
    const double first_on = traced();
    const double on = std::min(first_on, best(traced));
    std::printf("%-46s %12.3f ms off, %.3f ms on: %.2fx (first run %.2fx; %zu events a run, %.1f bytes/event)\n",
                "tracing cost, 300,000 switches", off * 1e3, on * 1e3, on / off, first_on / off, events, bytes_per_event);
    return 0;
}
