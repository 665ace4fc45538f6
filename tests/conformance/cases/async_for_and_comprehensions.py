# async for over a generator and over a class with __aiter__/__anext__; async
# comprehensions with conditions; await inside comprehensions.
import asyncio


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        await asyncio.sleep(0.1)
        self.n -= 1
        return self.n + 1


async def squares(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i * i


async def double(x):
    await asyncio.sleep(0)
    return 2 * x


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    async for v in Countdown(3):
        print("countdown", v)
    print([v async for v in squares(6) if v % 2 == 0])
    print({v: v + 1 async for v in squares(3)})
    print([await double(x) for x in range(4)])
    total = 0
    async for v in squares(4):
        total += v
    else:
        print("else branch runs", total)
    print("elapsed", round(loop.time() - t0, 1))


asyncio.run(main())
