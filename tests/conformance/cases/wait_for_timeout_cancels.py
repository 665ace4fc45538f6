# On timeout wait_for cancels the inner awaitable, waits for its cleanup, then raises
# TimeoutError chained from the CancelledError.
import asyncio


async def slow():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("slow: cancelled, cleaning up")
        await asyncio.sleep(0.5)
        print("slow: cleanup done")
        raise


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    t = asyncio.create_task(slow(), name="slow")
    try:
        await asyncio.wait_for(t, timeout=1)
    except TimeoutError as e:
        print("TimeoutError at", round(loop.time() - t0, 1), "cause:", type(e.__cause__).__name__)
    print("task cancelled?", t.cancelled())
    # timeout=0 on an unfinished coroutine times out at once
    t0 = loop.time()
    try:
        await asyncio.wait_for(asyncio.sleep(1), timeout=0)
    except TimeoutError:
        print("timeout=0 raised at", round(loop.time() - t0, 1))


asyncio.run(main())
