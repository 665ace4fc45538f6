# CPython: 3.9
# 3.9-era code passes loop= to every asyncio constructor and function that took it; it
# was deprecated and ignored in practice (the loop is the running one).
import asyncio


async def producer(queue, lock, event):
    for i in range(3):
        async with lock:
            await asyncio.sleep(0.1, loop=loop)
            await queue.put(i)
    event.set()


async def consumer(queue, cond, sem):
    got = []
    async with sem:
        while len(got) < 3:
            got.append(await queue.get())
    async with cond:
        cond.notify_all()
    return got


async def main():
    queue = asyncio.Queue(loop=loop)
    lock = asyncio.Lock(loop=loop)
    event = asyncio.Event(loop=loop)
    cond = asyncio.Condition(loop=loop)
    sem = asyncio.BoundedSemaphore(1, loop=loop)
    results = await asyncio.gather(producer(queue, lock, event), consumer(queue, cond, sem), loop=loop)
    print("gathered:", results, "event set:", event.is_set(), round(loop.time() - t0, 1))
    for fut in asyncio.as_completed([asyncio.sleep(0.3, "slow"), asyncio.sleep(0.1, "fast")], loop=loop):
        print("as completed:", await fut, round(loop.time() - t0, 1))
    print("wait_for:", await asyncio.wait_for(asyncio.sleep(0.1, "in time"), 1, loop=loop))


loop = asyncio.get_event_loop()
t0 = loop.time()
loop.run_until_complete(main())
