# Two releases in one step wake the two longest waiters; if one of them is cancelled
# before it runs, its permit goes to the next waiter.
import asyncio


async def worker(name, sem, log):
    try:
        async with sem:
            log.append(name)
            await asyncio.sleep(0.5)
    except asyncio.CancelledError:
        log.append(name + " cancelled")
        raise


async def main():
    sem = asyncio.Semaphore(2)
    await sem.acquire()
    await sem.acquire()
    log = []
    ts = [asyncio.create_task(worker(f"w{i}", sem, log), name=f"w{i}") for i in range(4)]
    await asyncio.sleep(0.1)
    sem.release()
    sem.release()
    ts[0].cancel()
    await asyncio.sleep(0.1)
    print(log)
    await asyncio.gather(*ts, return_exceptions=True)
    print(log)


asyncio.run(main())
