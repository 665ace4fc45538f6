# Title: Sequential vs concurrent
# Lesson: Awaiting one coroutine after another costs the sum of the waits; running them as tasks costs only the longest wait.
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def brew(drink, seconds):
    log(f"start {drink} ({seconds} s)")
    await asyncio.sleep(seconds)  # the task suspends here; the loop is free
    log(f"{drink} ready")
    return drink


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()

    # One after the other: each await finishes before the next starts.
    log("-- sequential --")
    await brew("coffee", 2)
    await brew("tea", 1)
    await brew("cocoa", 1.5)
    log("sequential total: 2 + 1 + 1.5 = 4.5 s")

    # All at once: three tasks share the loop, so their waits overlap.
    log("-- concurrent --")
    start = asyncio.get_running_loop().time()
    tasks = [
        asyncio.create_task(brew("coffee", 2), name="coffee"),
        asyncio.create_task(brew("tea", 1), name="tea"),
        asyncio.create_task(brew("cocoa", 1.5), name="cocoa"),
    ]
    for t in tasks:
        await t
    took = asyncio.get_running_loop().time() - start
    log(f"concurrent total: max(2, 1, 1.5) = {took:.1f} s")


asyncio.run(main())
