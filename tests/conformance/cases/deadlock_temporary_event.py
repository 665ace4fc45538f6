# Expect: deadlock
# Waiting on an Event nobody else can reach: the loop has nothing left to run. (The
# Event object lives only as long as the wait does.)
import asyncio


async def waiter():
    print("waiting on a fresh event")
    await asyncio.Event().wait()


async def main():
    await asyncio.gather(waiter(), asyncio.sleep(0.1))


asyncio.run(main())
