# Title: TaskGroup failure
# Lesson: When one task in a TaskGroup fails, the group cancels the others, waits for them, and raises an ExceptionGroup that except* can take apart.
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def step(name, seconds, error=None):
    try:
        await asyncio.sleep(seconds)
        if error is not None:
            log(f"{name}: failing")
            raise error
        log(f"{name}: done")
        return name
    except asyncio.CancelledError:
        log(f"{name}: cancelled by the group")
        raise


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    try:
        async with asyncio.TaskGroup() as tg:
            notify = tg.create_task(step("notify", 0.5), name="notify")
            tg.create_task(step("parse", 1, ValueError("bad header")), name="parse")
            tg.create_task(step("download", 3), name="download")
            log("all three started; the group waits for them at the end of the block")
    except* ValueError as group:
        log(f"except* ValueError: {group.exceptions!r}")
    log(f"notify finished before the failure: {notify.result()!r}")

    # A task whose cleanup fails adds its own error to the group.
    async def flaky_upload():
        try:
            await asyncio.sleep(3)
        except asyncio.CancelledError:
            log("upload: cancelled, and the cleanup fails too")
            raise ConnectionError("connection reset during cleanup")

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(step("disk", 1, OSError("disk full")), name="disk")
            tg.create_task(flaky_upload(), name="upload")
    except* ConnectionError as g:
        log(f"except* ConnectionError: {g.exceptions!r}")
    except* OSError as g:
        log(f"except* OSError: {g.exceptions!r}")

asyncio.run(main())
