# LifoQueue returns the newest item first and supports task_done/join.
import asyncio


async def main():
    q = asyncio.LifoQueue(maxsize=3)
    for x in [1, 2, 3]:
        q.put_nowait(x)
    print("full", q.full())
    print([q.get_nowait() for _ in range(3)])
    for x in "abc":
        await q.put(x)
    print(await q.get(), await q.get())
    q.put_nowait("d")
    print(await q.get(), await q.get())
    for _ in range(7):
        q.task_done()
    await q.join()
    print("joined; qsize", q.qsize())


asyncio.run(main())
