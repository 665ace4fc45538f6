# An exception inside an async generator reaches the async for; the generator is then
# finished; an async generator ignoring GeneratorExit makes aclose() raise RuntimeError.
import asyncio


async def numbers():
    yield 1
    await asyncio.sleep(0.1)
    raise ValueError("generator broke")


async def stubborn():
    try:
        yield "first"
    finally:
        yield "refuses to close"


async def main():
    g = numbers()
    try:
        async for n in g:
            print("got", n)
    except ValueError as e:
        print("async for raised", repr(e))
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("generator is finished")
    s = stubborn()
    print(await s.__anext__())
    try:
        await s.aclose()
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
