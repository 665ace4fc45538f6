# wait_for returns the result when in time; timeout=None waits forever; errors pass through.
import asyncio


async def job(v, delay):
    await asyncio.sleep(delay)
    if isinstance(v, Exception):
        raise v
    return v


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    print(await asyncio.wait_for(job("fast", 0.5), timeout=1))
    print(await asyncio.wait_for(job("none", 2), timeout=None))
    try:
        await asyncio.wait_for(job(ValueError("inner"), 0.2), timeout=1)
    except ValueError as e:
        print("inner error passes through:", repr(e))
    t = asyncio.create_task(job("task", 0.3), name="t")
    print(await asyncio.wait_for(t, 1), t.done())
    print("elapsed", round(loop.time() - t0, 1))


asyncio.run(main())
