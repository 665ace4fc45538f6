# cancel() raises CancelledError at the await where the task is suspended; finally blocks
# run; the task ends cancelled.
import asyncio


async def sleeper(log):
    try:
        log.append("start")
        await asyncio.sleep(10)
        log.append("not reached")
    finally:
        log.append("finally")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    log = []
    t = asyncio.create_task(sleeper(log), name="sleeper")
    await asyncio.sleep(1)
    t.cancel()
    print("right after cancel():", log, t.done())
    await asyncio.sleep(0)
    print("one step later:", log, t.done(), t.cancelled())
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled at", round(loop.time() - t0, 1))


asyncio.run(main())
