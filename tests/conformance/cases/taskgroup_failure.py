# The first failure cancels the running siblings (their cleanup runs) and the group raises
# ExceptionGroup('unhandled errors in a TaskGroup', [...]).
import asyncio


async def ok(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "done")
    except asyncio.CancelledError:
        print(name, "cancelled")
        await asyncio.sleep(0.2)
        print(name, "cleanup finished")
        raise


async def bad(delay):
    await asyncio.sleep(delay)
    raise ValueError("boom")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    try:
        async with asyncio.TaskGroup() as tg:
            first = tg.create_task(ok("first", 0.2), name="first")
            tg.create_task(bad(0.5), name="bad")
            slow = tg.create_task(ok("slow", 3), name="slow")
    except ExceptionGroup as eg:
        print("caught", repr(eg), "at", round(loop.time() - t0, 1))
        print("message:", eg.message, "count:", len(eg.exceptions))
    print(first.cancelled(), slow.cancelled())


asyncio.run(main())
