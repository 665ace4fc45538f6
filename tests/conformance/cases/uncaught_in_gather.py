# An exception from one of gather's children ends the program; the traceback runs
# through the awaiting coroutine into the child.
import asyncio


async def fetch(n):
    await asyncio.sleep(0.1 * n)
    if n == 2:
        raise ConnectionResetError(f"peer {n} reset")
    return n


async def main():
    results = await asyncio.gather(fetch(1), fetch(2), fetch(3))
    print(results)


asyncio.run(main())
