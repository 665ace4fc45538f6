# A task's done callbacks run before the task that awaits it resumes (the awaiter is
# itself woken by a done callback registered later).
import asyncio


async def child():
    await asyncio.sleep(0.1)
    return "child"


async def main():
    log = []
    t = asyncio.create_task(child(), name="child")
    t.add_done_callback(lambda f: log.append("first callback"))
    waiter_done = asyncio.Event()

    async def awaiter():
        await t
        log.append("awaiter resumed")
        waiter_done.set()

    w = asyncio.create_task(awaiter(), name="awaiter")
    await asyncio.sleep(0)
    t.add_done_callback(lambda f: log.append("late callback"))
    await waiter_done.wait()
    await w
    print(log)


asyncio.run(main())
