# Task names: asyncio.run's main task is Task-1, later unnamed tasks count up; names can
# be changed; current_task() and all_tasks() see the running tasks.
import asyncio


async def child():
    await asyncio.sleep(0.1)
    return asyncio.current_task().get_name()


async def main():
    me = asyncio.current_task()
    print("main task:", me.get_name())
    a = asyncio.create_task(child())
    b = asyncio.create_task(child(), name="bee")
    c = asyncio.create_task(child())
    c.set_name("renamed")
    print(a.get_name(), b.get_name(), c.get_name())
    print(sorted(t.get_name() for t in asyncio.all_tasks()))
    print(await asyncio.gather(a, b, c))
    print(sorted(t.get_name() for t in asyncio.all_tasks()))
    d = asyncio.ensure_future(child())
    print("ensure_future makes a task:", isinstance(d, asyncio.Task), d.get_name())
    print(await d)
    print(asyncio.ensure_future(d) is d)


asyncio.run(main())
print("second run gets", asyncio.run(child()))
