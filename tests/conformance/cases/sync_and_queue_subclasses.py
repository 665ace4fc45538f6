# PriorityQueue and LifoQueue are Queues, BoundedSemaphore is a Semaphore, as in CPython.
import asyncio
async def main():
    pq, lq, q = asyncio.PriorityQueue(), asyncio.LifoQueue(), asyncio.Queue(2)
    print(isinstance(pq, asyncio.Queue), isinstance(lq, asyncio.Queue), isinstance(q, asyncio.PriorityQueue))
    print(issubclass(asyncio.BoundedSemaphore, asyncio.Semaphore), issubclass(asyncio.LifoQueue, asyncio.Queue))
    await pq.put((2, "b")); await pq.put((1, "a")); print(await pq.get(), pq.qsize())
    b = asyncio.BoundedSemaphore(1)
    async with b:
        print(b.locked(), isinstance(b, asyncio.Semaphore))
    try:
        b.release()
    except ValueError as e:
        print("ValueError", e)
asyncio.run(main())
