# Awaiting a coroutine twice, awaiting a non-awaitable and an unawaited coroutine's
# state are errors Python reports.
import asyncio


async def job():
    await asyncio.sleep(0.1)
    return "job"


async def main():
    c = job()
    print(await c)
    try:
        await c
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        await 42
    except TypeError as e:
        print("TypeError:", e)
    try:
        await asyncio.gather(job(), 7)
    except TypeError as e:
        print("TypeError:", e)
    t = asyncio.create_task(job(), name="j")
    print(await t, await t)  # a finished task can be awaited again


asyncio.run(main())
