# Blocked putters and getters are served in arrival order.
import asyncio


async def putter(q, item):
    await q.put(item)
    print("put", item)


async def getter(q, name):
    item = await q.get()
    print(name, "got", item)


async def main():
    q = asyncio.Queue(maxsize=1)
    ps = [asyncio.create_task(putter(q, i), name=f"p{i}") for i in range(4)]
    await asyncio.sleep(0.1)
    print("qsize", q.qsize(), "full", q.full())
    for i in range(4):
        print("main got", await q.get())
    await asyncio.gather(*ps)
    gs = [asyncio.create_task(getter(q, f"g{i}"), name=f"g{i}") for i in range(3)]
    await asyncio.sleep(0.1)
    for item in "xyz":
        q.put_nowait(item)
        await asyncio.sleep(0)
    await asyncio.gather(*gs)


asyncio.run(main())
