# CPython: 3.10
# @asyncio.coroutine on a plain function wraps it in a generator-based coroutine; an
# exception it raises reaches the awaiting code with the program's own frames.
import asyncio


@asyncio.coroutine
def plain(n):
    if n > 2:
        raise ValueError(f"n is {n}")
    return n * 2


async def main():
    print("plain(1) ->", await plain(1))
    try:
        await plain(5)
    except ValueError as e:
        print("caught:", e)
    await plain(3)


asyncio.run(main())
