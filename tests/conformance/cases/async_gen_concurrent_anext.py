# An async generator cannot be advanced by two tasks at once.
import asyncio


async def slow_numbers():
    for i in range(3):
        await asyncio.sleep(0.2)
        yield i


async def main():
    g = slow_numbers()
    first = asyncio.create_task(g.__anext__(), name="first")
    await asyncio.sleep(0.1)
    try:
        await g.__anext__()
    except RuntimeError as e:
        print("RuntimeError:", e)
    print("first got", await first)
    print("next", await g.__anext__())
    await g.aclose()


asyncio.run(main())
