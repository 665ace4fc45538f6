# Title: as_completed
# Lesson: as_completed yields awaitables in the order the work finishes, so you can handle each result as soon as it is ready.
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def download(name, seconds):
    await asyncio.sleep(seconds)
    return f"{name} ({seconds} s)"


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    tasks = [
        asyncio.create_task(download("video", 3), name="video"),
        asyncio.create_task(download("image", 1), name="image"),
        asyncio.create_task(download("text", 0.5), name="text"),
        asyncio.create_task(download("audio", 2), name="audio"),
    ]
    for next_done in asyncio.as_completed(tasks):
        result = await next_done
        log(f"finished: {result}")

    # With a timeout, the iterator raises TimeoutError for what is left.
    tasks = [
        asyncio.create_task(download("quick", 0.5), name="quick"),
        asyncio.create_task(download("slow", 5), name="slow"),
    ]
    try:
        for next_done in asyncio.as_completed(tasks, timeout=2):
            log(f"finished: {await next_done}")
    except TimeoutError:
        log("as_completed timed out; 'slow' is still running, so cancel it")
        tasks[1].cancel()
        try:
            await tasks[1]
        except asyncio.CancelledError:
            log(f"slow cancelled: {tasks[1].cancelled()}")


asyncio.run(main())
