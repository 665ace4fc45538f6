# asyncio.Barrier (new in 3.11): parties wait until all have arrived; wait() returns a
# distinct index per party; abort() breaks the barrier for waiters.
import asyncio


async def runner(name, barrier, delay, loop, t0):
    await asyncio.sleep(delay)
    print(round(loop.time() - t0, 1), name, "arrives")
    index = await barrier.wait()
    print(round(loop.time() - t0, 1), name, "passes with index", index)


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    barrier = asyncio.Barrier(3)
    print("parties", barrier.parties, "waiting", barrier.n_waiting, "broken", barrier.broken)
    await asyncio.gather(*(runner(n, barrier, d, loop, t0) for n, d in [("a", 0.3), ("b", 0.1), ("c", 0.5)]))
    lonely = asyncio.Barrier(2)

    async def waits_alone():
        try:
            await lonely.wait()
        except asyncio.BrokenBarrierError:
            print("BrokenBarrierError after abort")

    t = asyncio.create_task(waits_alone(), name="alone")
    await asyncio.sleep(0.2)
    print("waiting", lonely.n_waiting)
    await lonely.abort()
    await t
    print("broken", lonely.broken)


asyncio.run(main())
