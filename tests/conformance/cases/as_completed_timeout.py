# as_completed(timeout=...) raises TimeoutError from the next awaitable when time is up;
# the unfinished tasks are not cancelled.
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in [("a", 0.5), ("b", 3), ("c", 1)]]
    got = []
    try:
        for aw in asyncio.as_completed(tasks, timeout=2):
            got.append(await aw)
    except TimeoutError as e:
        print("TimeoutError", repr(e), "at", round(loop.time() - t0, 1))
    print("got", got)
    print("b cancelled?", tasks[1].cancelled(), "done?", tasks[1].done())
    print("b ->", await tasks[1], "at", round(loop.time() - t0, 1))


asyncio.run(main())
