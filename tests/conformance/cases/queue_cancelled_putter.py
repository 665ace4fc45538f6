# A putter woken because space appeared but cancelled before it runs passes the free
# slot to the next putter.
import asyncio


async def putter(q, item):
    try:
        await q.put(item)
        print("put", item)
    except asyncio.CancelledError:
        print("putter", item, "cancelled")
        raise


async def main():
    q = asyncio.Queue(maxsize=1)
    q.put_nowait("x")
    p1 = asyncio.create_task(putter(q, "p1"), name="p1")
    p2 = asyncio.create_task(putter(q, "p2"), name="p2")
    await asyncio.sleep(0.1)
    print("got", q.get_nowait())  # wakes p1 ...
    p1.cancel()                   # ... which is cancelled before it runs
    await asyncio.gather(p1, p2, return_exceptions=True)
    print("queue:", [q.get_nowait() for _ in range(q.qsize())])


asyncio.run(main())
