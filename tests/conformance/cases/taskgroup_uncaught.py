# An uncaught ExceptionGroup from a TaskGroup is printed with CPython's group traceback.
import asyncio


async def fail(delay, exc):
    await asyncio.sleep(delay)
    raise exc


async def fail_when_cancelled():
    try:
        await asyncio.sleep(5)
    finally:
        raise ValueError("cleanup failed")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(fail_when_cancelled(), name="first")
        tg.create_task(fail(0.2, ZeroDivisionError("second")), name="second")


asyncio.run(main())
