# An item put for a woken getter can be taken by get_nowait() before the getter runs;
# the getter then waits again, still ahead of getters that arrive later.
import asyncio


async def getter(name, q):
    item = await q.get()
    print(name, "got", item)


async def main():
    q = asyncio.Queue()
    g1 = asyncio.create_task(getter("g1", q), name="g1")
    await asyncio.sleep(0.1)
    q.put_nowait("a")               # wakes g1 ...
    print("main stole", q.get_nowait())  # ... but main takes the item first
    g2 = asyncio.create_task(getter("g2", q), name="g2")
    await asyncio.sleep(0.1)
    q.put_nowait("b")
    await asyncio.sleep(0.1)
    q.put_nowait("c")
    await asyncio.gather(g1, g2)


asyncio.run(main())
