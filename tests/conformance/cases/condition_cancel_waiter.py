# A waiter cancelled inside Condition.wait re-acquires the lock before CancelledError
# leaves wait(), so its finally block still runs under the lock.
import asyncio


async def waiter(cond):
    async with cond:
        try:
            await cond.wait()
        except asyncio.CancelledError:
            print("cancelled; lock held again:", cond.locked())
            raise
        finally:
            print("finally under lock:", cond.locked())


async def holder(cond):
    await asyncio.sleep(0.2)
    async with cond:
        print("holder takes the lock")
        await asyncio.sleep(0.5)
        print("holder releases")


async def main():
    cond = asyncio.Condition()
    w = asyncio.create_task(waiter(cond), name="waiter")
    h = asyncio.create_task(holder(cond), name="holder")
    await asyncio.sleep(0.4)
    w.cancel()
    await asyncio.gather(w, h, return_exceptions=True)
    print("waiter cancelled:", w.cancelled(), "locked:", cond.locked())


asyncio.run(main())
