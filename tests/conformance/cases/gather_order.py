# gather returns results in argument order, whatever the finishing order; it accepts
# coroutines, tasks and futures, nests, and gather() of nothing is [].
import asyncio


async def value(v, delay):
    await asyncio.sleep(delay)
    print("finished", v)
    return v


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    print(await asyncio.gather(value("a", 0.3), value("b", 0.1), value("c", 0.2)))
    fut = loop.create_future()
    loop.call_later(0.5, fut.set_result, "from-future")
    task = asyncio.create_task(value("task", 0.2), name="t")
    print(await asyncio.gather(fut, task, value("coro", 0.1)))
    print(await asyncio.gather(asyncio.gather(value(1, 0.2), value(2, 0.1)), value(3, 0.3)))
    print(await asyncio.gather())
    # the same awaitable twice is run once and reported twice
    t = asyncio.create_task(value("twice", 0.1), name="twice")
    print(await asyncio.gather(t, t))
    print("elapsed", round(loop.time() - t0, 1))


asyncio.run(main())
