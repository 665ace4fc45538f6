# Title: Cancellation with cleanup
# Lesson: cancel() raises CancelledError at the task's current await, so try/finally blocks get to clean up before the task ends as cancelled.
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def upload(name, parts):
    log(f"{name}: open connection")
    try:
        for i in range(1, parts + 1):
            await asyncio.sleep(1)
            log(f"{name}: sent part {i}/{parts}")
        return "complete"
    except asyncio.CancelledError:
        log(f"{name}: cancelled in the middle, rolling back")
        await asyncio.sleep(0.5)  # cleanup may await, too
        log(f"{name}: rolled back")
        raise
    finally:
        log(f"{name}: close connection")


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    task = asyncio.create_task(upload("report.pdf", 5), name="upload")
    await asyncio.sleep(2.5)
    log("user pressed Cancel")
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        log(f"upload cancelled: {task.cancelled()}")

    # A task that is already done ignores cancel().
    task = asyncio.create_task(upload("tiny.txt", 1), name="tiny")
    await asyncio.sleep(1.5)
    log(f"cancel() on a finished task returns {task.cancel()}; result {task.result()!r}")


asyncio.run(main())
