# A TaskGroup waits for all its tasks at the end of the block, including tasks created
# later by the tasks themselves.
import asyncio


async def leaf(name, delay):
    await asyncio.sleep(delay)
    print("leaf", name, "done")
    return name


async def spawner(tg):
    await asyncio.sleep(0.5)
    print("spawner adds a task")
    tg.create_task(leaf("late", 1), name="late")
    return "spawner"


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(leaf("a", 0.3), name="a")
        b = tg.create_task(spawner(tg), name="spawner")
        print("block body done at", round(loop.time() - t0, 1))
    print("group done at", round(loop.time() - t0, 1), a.result(), b.result())
    print(a.get_name(), b.get_name())


asyncio.run(main())
