# A waiter chosen to get the lock but cancelled before it runs must not swallow the
# hand-over: the next waiter gets the lock.
import asyncio


async def waiter(name, lock):
    try:
        async with lock:
            print(name, "acquired")
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    w1 = asyncio.create_task(waiter("w1", lock), name="w1")
    w2 = asyncio.create_task(waiter("w2", lock), name="w2")
    await asyncio.sleep(0.1)
    lock.release()  # w1 is chosen and woken ...
    w1.cancel()     # ... but cancelled before it runs
    await asyncio.gather(w1, w2, return_exceptions=True)
    print("w1 cancelled", w1.cancelled(), "w2 done", w2.done(), "locked", lock.locked())


asyncio.run(main())
