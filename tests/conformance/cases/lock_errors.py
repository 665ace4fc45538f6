# Releasing an unlocked Lock raises RuntimeError; acquire() returns True; a Lock can be
# held across awaits and used with async with.
import asyncio


async def main():
    lock = asyncio.Lock()
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)
    print("acquire ->", await lock.acquire(), "locked", lock.locked())
    lock.release()
    async with lock as value:
        print("async with gives", value, lock.locked())
    print("after", lock.locked())
    try:
        async with lock:
            raise ValueError("inside")
    except ValueError:
        print("released on error:", not lock.locked())


asyncio.run(main())
