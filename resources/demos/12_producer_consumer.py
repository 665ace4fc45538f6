# Title: Producer and consumers with a bounded Queue
# Lesson: A Queue with maxsize makes a fast producer wait for slow consumers, and join() waits until every item has been marked task_done().
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def producer(queue, count):
    for i in range(1, count + 1):
        await queue.put(f"order-{i}")  # waits while the queue is full
        log(f"producer: queued order-{i} (size {queue.qsize()})")
    log("producer: all orders queued")


async def consumer(name, queue, seconds):
    while True:
        order = await queue.get()
        log(f"{name}: working on {order}")
        await asyncio.sleep(seconds)
        log(f"{name}: finished {order}")
        queue.task_done()


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    queue = asyncio.Queue(maxsize=2)
    workers = [
        asyncio.create_task(consumer("slow", queue, 1.2), name="slow"),
        asyncio.create_task(consumer("quick", queue, 0.7), name="quick"),
    ]
    await asyncio.create_task(producer(queue, 7), name="producer")
    await queue.join()
    log("every order is done; stop the consumers")
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)


asyncio.run(main())
