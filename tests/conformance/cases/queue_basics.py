# Queue bookkeeping: qsize/empty/full/maxsize, the nowait variants and their errors.
import asyncio


async def main():
    q = asyncio.Queue(maxsize=2)
    print(q.maxsize, q.qsize(), q.empty(), q.full())
    q.put_nowait("a")
    await q.put("b")
    print(q.qsize(), q.empty(), q.full())
    try:
        q.put_nowait("c")
    except asyncio.QueueFull:
        print("QueueFull", asyncio.QueueFull.__mro__[1].__name__)
    print(q.get_nowait(), await q.get())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    u = asyncio.Queue()
    for i in range(100):
        u.put_nowait(i)
    print("unbounded", u.qsize(), u.full(), u.maxsize)
    z = asyncio.Queue(maxsize=0)
    print("maxsize 0 never full:", z.full())


asyncio.run(main())
