# CPython: 3.9
# Python 3.9 still accepted loop= (deprecated) in asyncio.wait, sleep, gather and
# wait_for; Loopscope ignores it, as there is only the running loop.
import asyncio


async def worker(name, delay):
    await asyncio.sleep(delay, loop=loop)
    print(f"{name} done at {round(loop.time() - t0, 1)}")
    return name


async def main():
    tasks = [loop.create_task(worker("a", 0.2)), loop.create_task(worker("b", 0.1))]
    done, _ = await asyncio.wait(tasks, loop=loop)
    print("wait:", sorted(t.result() for t in done))
    print("gather:", await asyncio.gather(worker("c", 0.3), worker("d", 0.1), loop=loop))
    try:
        await asyncio.wait_for(worker("e", 1.0), 0.5, loop=loop)
    except asyncio.TimeoutError:
        print(f"wait_for timed out at {round(loop.time() - t0, 1)}")


loop = asyncio.get_event_loop()
t0 = loop.time()
loop.run_until_complete(main())
