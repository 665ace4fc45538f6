# to_thread runs a blocking function in a thread: the loop keeps running meanwhile, two
# calls overlap, and results and exceptions come back to the awaiting task.
import asyncio
import time


def blocking(name, seconds):
    time.sleep(seconds)
    return f"{name} slept {seconds}"


def failing():
    time.sleep(0.2)
    raise ValueError("from the thread")


async def ticker(loop, t0):
    for _ in range(3):
        await asyncio.sleep(0.3)
        print("tick", round(loop.time() - t0, 1))


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    tick = asyncio.create_task(ticker(loop, t0), name="ticker")
    print(await asyncio.to_thread(blocking, "one", 1))
    print("after one:", round(loop.time() - t0, 1))
    await tick
    t0 = loop.time()
    r = await asyncio.gather(asyncio.to_thread(blocking, "a", 0.5), asyncio.to_thread(blocking, "b", 0.8))
    print(r, "in", round(loop.time() - t0, 1))
    try:
        await asyncio.to_thread(failing)
    except ValueError as e:
        print("caught", repr(e))
    print(await asyncio.to_thread(sorted, [3, 1, 2], reverse=True))


asyncio.run(main())
