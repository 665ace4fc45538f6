# Cancelling the task that runs a TaskGroup cancels its children and propagates
# CancelledError (not an ExceptionGroup).
import asyncio


async def child(name):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def runner():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("only-child"), name="c")
            await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("runner sees CancelledError")
        raise


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    r = asyncio.create_task(runner(), name="runner")
    await asyncio.sleep(1)
    r.cancel()
    try:
        await r
    except asyncio.CancelledError:
        print("runner cancelled", r.cancelled(), "at", round(loop.time() - t0, 1))


asyncio.run(main())
