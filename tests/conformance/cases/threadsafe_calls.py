# A worker thread hands results back with call_soon_threadsafe and runs a coroutine on
# the loop with run_coroutine_threadsafe, waiting for its result.
import asyncio
import time


async def double_later(x):
    await asyncio.sleep(0.2)
    return 2 * x


def worker(loop, fut):
    time.sleep(0.5)
    loop.call_soon_threadsafe(fut.set_result, "from thread")
    cf = asyncio.run_coroutine_threadsafe(double_later(21), loop)
    return cf.result()


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    fut = loop.create_future()
    job = asyncio.create_task(asyncio.to_thread(worker, loop, fut), name="job")
    print(await fut, "at", round(loop.time() - t0, 1))
    print("thread returned", await job, "at", round(loop.time() - t0, 1))


asyncio.run(main())
