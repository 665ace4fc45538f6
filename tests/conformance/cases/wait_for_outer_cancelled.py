# Cancelling a task that sits in wait_for cancels the inner awaitable too.
import asyncio


async def inner():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("inner cancelled")
        raise


async def outer():
    try:
        await asyncio.wait_for(inner(), timeout=3)
    except asyncio.CancelledError:
        print("outer cancelled, not timed out")
        raise
    except TimeoutError:
        print("wrong: timed out")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    t = asyncio.create_task(outer(), name="outer")
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("outer task cancelled at", round(loop.time() - t0, 1), t.cancelled())


asyncio.run(main())
