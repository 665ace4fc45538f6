# A timeout that expires while a task waits for a Lock removes it from the queue; the
# lock goes to the next waiter when released. asyncio.timeout(0) expires at the first
# await.
import asyncio


async def holder(lock):
    async with lock:
        await asyncio.sleep(1)
    print("holder released")


async def impatient(lock):
    try:
        async with asyncio.timeout(0.5):
            async with lock:
                print("impatient: never gets it")
    except TimeoutError:
        print("impatient: gave up waiting")


async def patient(lock):
    async with lock:
        print("patient: got the lock")


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(holder(lock), impatient(lock), patient(lock))
    try:
        async with asyncio.timeout(0):
            await asyncio.sleep(0)
    except TimeoutError:
        print("timeout(0) expired at the first await")


asyncio.run(main())
