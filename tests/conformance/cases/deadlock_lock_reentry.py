# Expect: deadlock
# asyncio.Lock is not reentrant: a task that acquires it twice waits for itself forever.
import asyncio


async def update(lock, depth):
    async with lock:
        print("holding the lock at depth", depth)
        if depth < 1:
            await update(lock, depth + 1)


async def main():
    await update(asyncio.Lock(), 0)


asyncio.run(main())
