# Exceptions travel through awaited coroutines and tasks with their context and cause.
import asyncio


class AppError(Exception):
    pass


async def level3():
    await asyncio.sleep(0.1)
    {}["missing"]


async def level2():
    try:
        await level3()
    except KeyError as e:
        raise AppError("lookup failed") from e


async def level1():
    t = asyncio.create_task(level2(), name="level2")
    try:
        await t
    except AppError as e:
        print("caught", repr(e), "cause", repr(e.__cause__))
        raise RuntimeError("wrapped")


async def main():
    try:
        await level1()
    except RuntimeError as e:
        print("outer", repr(e), "context", repr(e.__context__), "suppress", e.__suppress_context__)


asyncio.run(main())
