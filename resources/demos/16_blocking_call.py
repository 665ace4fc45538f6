# Title: A blocking call freezes the loop
# Lesson: time.sleep inside a coroutine blocks the whole event loop so nothing else runs, while asyncio.to_thread moves the blocking call to a thread and the loop keeps going.
import asyncio
import time

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def heartbeat():
    beat = 0
    while True:
        await asyncio.sleep(0.5)
        beat += 1
        log(f"heartbeat {beat}")


def slow_report(seconds):
    time.sleep(seconds)  # an ordinary blocking function
    return f"report after {seconds} s"


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    beat = asyncio.create_task(heartbeat(), name="heartbeat")
    await asyncio.sleep(1.2)

    log("calling slow_report(2) directly: the loop is frozen")
    log(slow_report(2))  # no heartbeats for 2 s, then one late beat

    log("calling it through asyncio.to_thread: the loop keeps beating")
    log(await asyncio.to_thread(slow_report, 1.8))
    beat.cancel()


asyncio.run(main())
