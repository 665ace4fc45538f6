# An exception in a callback is logged ("Exception in callback ...") and does not stop
# the loop or the other callbacks, done callbacks included.
import asyncio


def bad():
    raise ValueError("callback failed")


def good():
    print("good callback still runs")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(bad)
    loop.call_soon(good)
    t = asyncio.create_task(asyncio.sleep(0.1), name="t")
    t.add_done_callback(lambda f: 1 / 0)
    t.add_done_callback(lambda f: print("second done callback runs"))
    await asyncio.sleep(0.3)
    print("main done")


asyncio.run(main())
