# Producers and consumers with a bounded queue; a sentinel per consumer ends them.
import asyncio


async def producer(q, name, items, delay):
    for i in range(items):
        await asyncio.sleep(delay)
        await q.put(f"{name}{i}")


async def consumer(q, name, out):
    while True:
        item = await q.get()
        if item is None:
            q.task_done()
            return name
        await asyncio.sleep(0.25)
        out.append((name, item))
        q.task_done()


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    q = asyncio.Queue(maxsize=2)
    out = []
    consumers = [asyncio.create_task(consumer(q, c, out), name=c) for c in ["c1", "c2"]]
    await asyncio.gather(producer(q, "p", 5, 0.1), producer(q, "q", 3, 0.35))
    for _ in consumers:
        await q.put(None)
    print(await asyncio.gather(*consumers))
    await q.join()
    print(sorted(out))
    print(len(out), "items in", round(loop.time() - t0, 1))


asyncio.run(main())
