# as_completed takes a set of the awaitables: the same task passed twice is yielded once.
import asyncio


async def job(v, d):
    await asyncio.sleep(d)
    return v


async def main():
    a = asyncio.create_task(job("a", 0.2), name="a")
    b = asyncio.create_task(job("b", 0.1), name="b")
    results = [await f for f in asyncio.as_completed([a, b, a, a])]
    print(results)


asyncio.run(main())
