# Python 3.11 without @asyncio.coroutine: a plain generator cannot be awaited, cannot
# "yield from" a coroutine, yet asyncio.iscoroutine() accepts it and a task can run it
# (until it yields something the loop cannot wait on).
import asyncio


def gen():
    yield 1
    return "gen result"


def bare():
    yield
    return "bare result"


async def coro():
    return 1


def delegating():
    c = coro()
    try:
        yield from c
    finally:
        c.close()


async def main():
    g = gen()
    try:
        await g
    except TypeError as e:
        print("await a generator:", e)
    print("iscoroutine(generator):", asyncio.iscoroutine(g))
    try:
        next(delegating())
    except TypeError as e:
        print("yield from a coroutine:", e)
    t = asyncio.create_task(gen())
    try:
        await t
    except RuntimeError as e:
        print("task of a generator:", e)
    print("bare yield in a task:", await asyncio.create_task(bare()))
    print("asyncio.Lock has no __enter__:", not hasattr(asyncio.Lock(), "__enter__"))
    try:
        with asyncio.Lock():
            pass
    except TypeError as e:
        print("with lock:", e)


asyncio.run(main())
