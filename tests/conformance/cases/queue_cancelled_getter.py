# A cancelled getter does not lose an item: the item goes to the next getter; a cancelled
# putter does not add its item.
import asyncio


async def getter(q, name):
    try:
        print(name, "got", await q.get())
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    q = asyncio.Queue()
    g1 = asyncio.create_task(getter(q, "g1"), name="g1")
    g2 = asyncio.create_task(getter(q, "g2"), name="g2")
    await asyncio.sleep(0.1)
    q.put_nowait("item")  # g1 is woken ...
    g1.cancel()           # ... and cancelled before it runs
    await asyncio.gather(g1, g2, return_exceptions=True)
    print("left in queue:", q.qsize())
    full = asyncio.Queue(maxsize=1)
    full.put_nowait("first")
    p = asyncio.create_task(full.put("second"), name="putter")
    await asyncio.sleep(0.1)
    p.cancel()
    await asyncio.gather(p, return_exceptions=True)
    print("queue holds", full.qsize(), full.get_nowait())


asyncio.run(main())
