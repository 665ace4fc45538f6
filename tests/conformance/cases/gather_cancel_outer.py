# Cancelling the future returned by gather cancels every child that is still running.
import asyncio


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "finished")
        return name
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    early = asyncio.create_task(child("early", 0.5), name="early")
    g = asyncio.gather(early, child("mid", 2), child("late", 3))
    await asyncio.sleep(1)
    print("cancel returns", g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled at", round(loop.time() - t0, 1))
    print("g.cancelled()", g.cancelled(), "early result", early.result())
    print("cancel again returns", g.cancel())


asyncio.run(main())
