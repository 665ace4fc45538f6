# Title: Done callbacks and call_later
# Lesson: Callbacks never interrupt running code: the loop runs them later, in the order they were scheduled, and done callbacks run once a task finishes.
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def compute(x, seconds):
    await asyncio.sleep(seconds)
    return x * x


def report(task):
    log(f"done callback: {task.get_name()} -> {task.result()}")


def remind(what):
    log(f"reminder: {what}")


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    loop = asyncio.get_running_loop()

    loop.call_later(2.5, remind, "call_later(2.5)")
    loop.call_later(0.5, remind, "call_later(0.5)")
    loop.call_at(loop.time() + 1.5, remind, "call_at(now + 1.5)")
    loop.call_soon(remind, "call_soon runs at the next loop turn")
    log("callbacks scheduled; nothing ran yet")

    task = asyncio.create_task(compute(7, 1), name="square-7")
    task.add_done_callback(report)
    task.add_done_callback(lambda t: log("second done callback, in the order added"))

    handle = loop.call_later(2, remind, "this one is cancelled")
    handle.cancel()

    fut = loop.create_future()
    loop.call_later(2, fut.set_result, "a future resolved by call_later")
    log(await fut)
    await asyncio.sleep(1)
    log("main done")


asyncio.run(main())
