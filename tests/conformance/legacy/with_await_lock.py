# CPython: 3.8
# "with (await lock):" in native coroutines, as Python 3.8 last allowed, for Lock,
# BoundedSemaphore and Condition.
import asyncio


async def worker(name, lock, delay):
    with (await lock):
        print(f"{name} holds it at {round(loop.time() - t0, 1)}")
        await asyncio.sleep(delay)
    print(f"{name} let go at {round(loop.time() - t0, 1)}")


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(worker("a", lock, 0.2), worker("b", lock, 0.3))
    sem = asyncio.BoundedSemaphore(2)
    await asyncio.gather(worker("x", sem, 0.4), worker("y", sem, 0.1), worker("z", sem, 0.2))
    cond = asyncio.Condition()
    with (await cond):
        print("condition locked:", cond.locked())
    print("condition locked after:", cond.locked())
    cm = await lock
    with cm:
        print("lock locked:", lock.locked())
    try:
        with cm:
            pass
    except AttributeError as e:
        print("reuse:", e)


loop = asyncio.get_event_loop()
t0 = loop.time()
loop.run_until_complete(main())
