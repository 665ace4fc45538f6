# Semaphore(2): at most two holders; waiters enter in arrival order; locked() is True
# when no permit is free.
import asyncio


async def worker(name, sem, hold, loop, t0):
    async with sem:
        print(round(loop.time() - t0, 1), name, "in")
        await asyncio.sleep(hold)
    print(round(loop.time() - t0, 1), name, "out")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    sem = asyncio.Semaphore(2)
    holds = [0.5, 1.3, 0.7, 0.3, 0.9]
    ts = [asyncio.create_task(worker(f"w{i}", sem, h, loop, t0), name=f"w{i}") for i, h in enumerate(holds)]
    await asyncio.sleep(0.1)
    print("locked", sem.locked())
    await asyncio.gather(*ts)
    print("locked", sem.locked())
    print("acquire ->", await sem.acquire())
    sem.release()
    sem.release()
    sem.release()
    print("an unbounded Semaphore may grow: three acquires without waiting")
    for _ in range(3):
        await sem.acquire()
    print("locked", sem.locked())


asyncio.run(main())
