# Cancelled semaphore waiters give up their place; one chosen for wake-up but cancelled
# before running passes the permit on.
import asyncio


async def worker(name, sem):
    try:
        async with sem:
            print(name, "in")
            await asyncio.sleep(0.3)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    sem = asyncio.Semaphore(1)
    await sem.acquire()
    ts = [asyncio.create_task(worker(f"w{i}", sem), name=f"w{i}") for i in range(4)]
    await asyncio.sleep(0.1)
    ts[2].cancel()  # cancelled while waiting
    await asyncio.sleep(0.1)
    sem.release()   # w0 is chosen and woken ...
    ts[0].cancel()  # ... but cancelled before it runs
    res = await asyncio.gather(*ts, return_exceptions=True)
    print([type(r).__name__ for r in res])
    print("locked", sem.locked())


asyncio.run(main())
