# time.sleep in a coroutine blocks the loop: an overdue timer fires only afterwards,
# after the tasks that were already ready.
import asyncio
import time


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    fired = []
    loop.call_later(0.2, lambda: fired.append(round(loop.time() - t0, 1)))
    time.sleep(0.7)
    print("after blocking:", fired, round(loop.time() - t0, 1))
    await asyncio.sleep(0)
    print("one turn later:", fired)  # timers due are queued after the ready tasks
    await asyncio.sleep(0)
    print("two turns later:", fired)


asyncio.run(main())
