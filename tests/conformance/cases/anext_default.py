# anext(iterator, default): the default instead of StopAsyncIteration, for async
# generators and for classes with __anext__; TypeErrors for what is not an async iterator.
import asyncio


async def numbers(n):
    for i in range(n):
        await asyncio.sleep(0.1)
        yield i


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n


async def main():
    gen = numbers(2)
    print(await anext(gen, "none"), await anext(gen, "none"), await anext(gen, "none"))
    print(await anext(gen, None))
    c = Countdown(2)
    print([await anext(c, -1) for _ in range(4)])
    print(await anext(numbers(1)))
    try:
        await anext(numbers(0))
    except StopAsyncIteration:
        print("StopAsyncIteration without a default")
    for bad in (lambda: anext(3), lambda: anext([1], 0), lambda: anext()):
        try:
            bad()
        except TypeError as e:
            print("TypeError:", e)
    pending = anext(numbers(3), 0)
    print(await pending)

    async def failing():
        raise ValueError("boom")
        yield 1

    try:
        await anext(failing(), "default")
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
