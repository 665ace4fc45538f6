# Many awaits that complete without suspending, and a deep chain of nested coroutines,
# run without exhausting any stack.
import asyncio


async def leaf(i):
    return i


async def chain(depth):
    if depth == 0:
        await asyncio.sleep(0.1)
        return 0
    return 1 + await chain(depth - 1)


async def main():
    total = 0
    for i in range(200000):
        total += await leaf(i)
    print("sum", total)
    print("depth", await chain(900))
    yields = 0
    for _ in range(5000):
        await asyncio.sleep(0)
        yields += 1
    print("yields", yields)


asyncio.run(main())
