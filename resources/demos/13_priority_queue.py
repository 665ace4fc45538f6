# Title: PriorityQueue
# Lesson: A PriorityQueue always hands out the smallest item, so (priority, name) tuples let an urgent job overtake ones that were queued earlier.
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def worker(queue):
    while True:
        priority, job = await queue.get()
        log(f"worker: {job} (priority {priority})")
        await asyncio.sleep(0.8)
        queue.task_done()


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    queue = asyncio.PriorityQueue()
    for item in [(3, "send newsletter"), (2, "resize images"), (3, "clean cache"), (1, "charge card")]:
        queue.put_nowait(item)
        log(f"queued {item}")
    w = asyncio.create_task(worker(queue), name="worker")
    await asyncio.sleep(1)
    log("urgent job arrives")
    await queue.put((0, "restore database"))
    await queue.join()
    w.cancel()


asyncio.run(main())
