# Async generators: asend/athrow/aclose, StopAsyncIteration at the end, finally on close.
import asyncio


async def counter(limit):
    n = 0
    try:
        while n < limit:
            got = yield n
            if got is not None:
                n = got
            else:
                n += 1
            await asyncio.sleep(0.1)
    except KeyError as e:
        print("generator caught", repr(e))
        yield "recovered"
    finally:
        print("generator finally")


async def main():
    g = counter(10)
    print(await g.__anext__())
    print(await g.asend(None))
    print(await g.asend(5))
    print(await g.athrow(KeyError("k")))
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("StopAsyncIteration after close")
    short = counter(2)
    print([x async for x in short])
    print(type(g).__name__, g.__aiter__() is g)


asyncio.run(main())
