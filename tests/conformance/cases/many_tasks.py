# Thousands of tasks: gather keeps their order, a Semaphore bounds the concurrency.
import asyncio


async def job(i, sem, peak, active):
    async with sem:
        active[0] += 1
        peak[0] = max(peak[0], active[0])
        await asyncio.sleep(0.01 * (i % 7))
        active[0] -= 1
    return i * i


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    sem = asyncio.Semaphore(50)
    peak, active = [0], [0]
    results = await asyncio.gather(*(job(i, sem, peak, active) for i in range(3000)))
    print(len(results), results[:5], results[-1], sum(results))
    print("peak concurrency", peak[0], "now", active[0])
    print("all tasks gone:", len(asyncio.all_tasks()))


asyncio.run(main())
