# An asyncio.Lock may be released by a different task than the one that acquired it.
import asyncio


async def main():
    lock = asyncio.Lock()
    await lock.acquire()

    async def releaser():
        await asyncio.sleep(0.3)
        print("releaser frees the lock")
        lock.release()

    async def waiter():
        async with lock:
            print("waiter got the lock")

    await asyncio.gather(releaser(), waiter())
    print("locked", lock.locked())


asyncio.run(main())
