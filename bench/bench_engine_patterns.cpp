// Engine pattern figures, side by side with CPython 3.11's asyncio (issue 3):
// Semaphore(3) x 100,000 tasks, Queue(1000) x 1,000,000 items with 4 consumers,
// PriorityQueue x 200,000 items, 100,000 wait_for timeouts.
#include "bench_support.hpp"

#include <engine/engine.hpp>

#include <random>

using namespace aio;

namespace {

double semaphore_tasks(int n)
{
    EventLoop loop;
    Semaphore sem(loop, 3);
    auto worker = [&]() -> Task<void> {
        co_await sem.acquire();
        co_await aio::sleep(0);
        sem.release();
    };
    auto main = [&]() -> Task<void> {
        std::vector<FutureRef> ts;
        ts.reserve(n);
        for (int i = 0; i < n; ++i)
            ts.push_back(loop.create_task(worker()));
        co_await gather(loop, ts);
    };
    const double t0 = bench::now_s();
    loop.run_until_complete(main());
    return bench::now_s() - t0;
}

double queue_items(int n, int consumers)
{
    EventLoop loop;
    Queue<int> q(loop, 1000);
    auto producer = [&]() -> Task<void> {
        for (int i = 0; i < n; ++i)
            co_await q.put(i);
        for (int c = 0; c < consumers; ++c)
            co_await q.put(-1);
    };
    auto consumer = [&]() -> Task<long> {
        long sum = 0;
        for (;;) {
            int v = co_await q.get();
            if (v < 0)
                co_return sum;
            sum += v;
        }
    };
    auto main = [&]() -> Task<void> {
        std::vector<FutureRef> ts{loop.create_task(producer())};
        for (int c = 0; c < consumers; ++c)
            ts.push_back(loop.create_task(consumer()));
        co_await gather(loop, ts);
    };
    const double t0 = bench::now_s();
    loop.run_until_complete(main());
    return bench::now_s() - t0;
}

double priority_items(int n)
{
    EventLoop loop;
    PriorityQueue<std::pair<int, int>> q(loop);
    std::mt19937 rng(1);
    auto main = [&]() -> Task<void> {
        for (int i = 0; i < n; ++i)
            co_await q.put({int(rng() % 1000), i});
        long sum = 0;
        for (int i = 0; i < n; ++i)
            sum += (co_await q.get()).second;
        if (sum < 0)
            throw std::logic_error("impossible");
    };
    const double t0 = bench::now_s();
    loop.run_until_complete(main());
    return bench::now_s() - t0;
}

double wait_for_timeouts(int n)
{
    EventLoop loop;
    auto slow = []() -> Task<int> {
        co_await aio::sleep(10);
        co_return 1;
    };
    auto one = [&]() -> Task<void> {
        try {
            co_await aio::wait_for(slow(), 0.01);
        } catch (const TimeoutError&) {
        }
    };
    auto main = [&]() -> Task<void> {
        std::vector<FutureRef> ts;
        ts.reserve(n);
        for (int i = 0; i < n; ++i)
            ts.push_back(loop.create_task(one()));
        co_await gather(loop, ts);
    };
    const double t0 = bench::now_s();
    loop.run_until_complete(main());
    return bench::now_s() - t0;
}

const char* kPySemaphore = R"(
import asyncio, time
async def main():
    sem = asyncio.Semaphore(3)
    async def worker():
        async with sem:
            await asyncio.sleep(0)
    t0 = time.perf_counter()
    await asyncio.gather(*[worker() for _ in range(100000)])
    print(time.perf_counter() - t0)
asyncio.run(main())
)";
const char* kPyQueue = R"(
import asyncio, time
async def main():
    q = asyncio.Queue(1000)
    async def producer():
        for i in range(1000000): await q.put(i)
        for _ in range(4): await q.put(-1)
    async def consumer():
        s = 0
        while True:
            v = await q.get()
            if v < 0: return s
            s += v
    t0 = time.perf_counter()
    await asyncio.gather(producer(), *[consumer() for _ in range(4)])
    print(time.perf_counter() - t0)
asyncio.run(main())
)";
const char* kPyPriority = R"(
import asyncio, time, random
async def main():
    random.seed(1)
    q = asyncio.PriorityQueue()
    t0 = time.perf_counter()
    for i in range(200000): await q.put((random.randrange(1000), i))
    for i in range(200000): await q.get()
    print(time.perf_counter() - t0)
asyncio.run(main())
)";
const char* kPyWaitFor = R"(
import asyncio, time
async def main():
    async def slow():
        await asyncio.sleep(10)
    async def one():
        try: await asyncio.wait_for(slow(), 0.01)
        except asyncio.TimeoutError: pass
    t0 = time.perf_counter()
    await asyncio.gather(*[one() for _ in range(100000)])
    print(time.perf_counter() - t0 - 0.01)
asyncio.run(main())
)";

}  // namespace

int main()
{
    std::printf("Loopscope engine patterns benchmark (best of 3; CPython 3.11 asyncio in the same run)\n\n");
    auto best = [](auto fn) {
        double b = 1e9;
        for (int i = 0; i < 3; ++i)
            b = std::min(b, fn());
        return b;
    };
    bench::row("Semaphore(3), 100,000 tasks (us/task)", best([] { return semaphore_tasks(100'000); }) / 1e5,
               bench::run_python(kPySemaphore) / 1e5, "us", 1e6);
    bench::row("Queue(1000), 1,000,000 items, 4 consumers (us/item)", best([] { return queue_items(1'000'000, 4); }) / 1e6,
               bench::run_python(kPyQueue) / 1e6, "us", 1e6);
    bench::row("PriorityQueue, 200,000 items (us/item)", best([] { return priority_items(200'000); }) / 2e5,
               bench::run_python(kPyPriority) / 2e5, "us", 1e6);
    bench::row("100,000 wait_for timeouts (us/timeout)", best([] { return wait_for_timeouts(100'000); }) / 1e5,
               bench::run_python(kPyWaitFor) / 1e5, "us", 1e6);
    return 0;
}
