# notify(n) wakes the n longest waiters, notify_all the rest; notify without holding the
# lock is a RuntimeError; woken waiters re-acquire the lock one at a time.
import asyncio


async def waiter(name, cond):
    async with cond:
        print(name, "waiting")
        await cond.wait()
        print(name, "woke, holds lock:", cond.locked())
        await asyncio.sleep(0.1)


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    cond = asyncio.Condition()
    ts = [asyncio.create_task(waiter(f"w{i}", cond), name=f"w{i}") for i in range(5)]
    await asyncio.sleep(0.5)
    try:
        cond.notify()
    except RuntimeError as e:
        print("RuntimeError:", e)
    async with cond:
        cond.notify(2)
        print("notified 2")
    await asyncio.sleep(0.5)
    async with cond:
        cond.notify_all()
        print("notified all")
    await asyncio.gather(*ts)
    print("end", round(loop.time() - t0, 1))
    async with cond:
        cond.notify(3)  # nobody waits: nothing happens
    print("locked", cond.locked())


asyncio.run(main())
