# Lock waiters are served first come, first served; a cancelled waiter is skipped.
import asyncio


async def user(name, lock, hold):
    try:
        async with lock:
            print(name, "has the lock")
            await asyncio.sleep(hold)
    except asyncio.CancelledError:
        print(name, "cancelled while waiting")
        raise


async def main():
    lock = asyncio.Lock()
    tasks = [asyncio.create_task(user(n, lock, 0.5), name=n) for n in ["a", "b", "c", "d"]]
    await asyncio.sleep(0.2)
    print("locked", lock.locked())
    tasks[2].cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print("locked", lock.locked(), [t.cancelled() for t in tasks])


asyncio.run(main())
