# Condition.wait under wait_for: on timeout the waiter re-acquires the lock before the
# TimeoutError leaves the async with block, and the lock is free afterwards.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    cond = asyncio.Condition()
    async with cond:
        try:
            await asyncio.wait_for(cond.wait(), timeout=0.5)
        except TimeoutError:
            print("timed out at", round(loop.time() - t0, 1), "lock held:", cond.locked())
    print("after block, locked:", cond.locked())


asyncio.run(main())
