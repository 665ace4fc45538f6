# After release() hands the lock to a waiter, a task that asks in the same step does not
# jump the queue: it waits behind the woken waiter.
import asyncio


async def user(name, lock, log):
    async with lock:
        log.append(name)
        await asyncio.sleep(0.1)


async def main():
    lock = asyncio.Lock()
    log = []
    await lock.acquire()
    w = asyncio.create_task(user("waiter", lock, log), name="waiter")
    await asyncio.sleep(0.1)
    lock.release()
    print("locked right after release:", lock.locked())
    late = asyncio.create_task(user("late", lock, log), name="late")
    await asyncio.gather(w, late)
    print(log)
    await lock.acquire()
    lock.release()
    b = asyncio.create_task(user("b", lock, log), name="b")
    print("no waiters: acquire succeeds at once:", await lock.acquire())
    lock.release()
    await b
    print(log)


asyncio.run(main())
