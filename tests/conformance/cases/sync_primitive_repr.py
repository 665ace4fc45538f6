# repr() of asyncio's locks, events, conditions, semaphores, barriers and queues, with
# the object's address left out (it differs between runs).
import asyncio


def show(label, x):
    text = repr(x)
    head, sep, tail = text.partition(" at 0x")
    addr, _, rest = tail.partition(" ")
    ok = sep != "" and addr != "" and all(c in "0123456789abcdef" for c in addr)
    print(label, head, "at ADDR" if ok else "NO ADDRESS", rest)


async def hold(lock, seconds):
    async with lock:
        await asyncio.sleep(seconds)


async def main():
    lock = asyncio.Lock()
    show("lock", lock)
    await lock.acquire()
    show("lock", lock)
    waiters = [asyncio.create_task(hold(lock, 0.1)) for _ in range(2)]
    await asyncio.sleep(0)
    show("lock", lock)
    lock.release()
    await asyncio.gather(*waiters)
    show("lock", lock)

    event = asyncio.Event()
    show("event", event)
    waiter = asyncio.create_task(event.wait())
    await asyncio.sleep(0)
    show("event", event)
    event.set()
    await waiter
    show("event", event)

    cond = asyncio.Condition()
    show("cond", cond)
    async with cond:
        show("cond", cond)

    sem = asyncio.Semaphore(2)
    show("sem", sem)
    await sem.acquire()
    show("sem", sem)
    await sem.acquire()
    show("sem", sem)
    blocked = asyncio.create_task(hold(sem, 0.1))
    await asyncio.sleep(0)
    show("sem", sem)
    sem.release()
    await blocked
    sem.release()
    show("sem", sem)
    show("bounded", asyncio.BoundedSemaphore(3))

    barrier = asyncio.Barrier(3)
    show("barrier", barrier)
    parties = [asyncio.create_task(barrier.wait()) for _ in range(2)]
    await asyncio.sleep(0)
    show("barrier", barrier)
    await barrier.abort()
    await asyncio.gather(*parties, return_exceptions=True)
    show("barrier", barrier)

    for q in (asyncio.Queue(), asyncio.Queue(maxsize=3), asyncio.LifoQueue(), asyncio.PriorityQueue(5)):
        show("queue", q)
        print("str", str(q))
    q = asyncio.Queue()
    q.put_nowait(1)
    q.get_nowait()
    show("queue", q)
    print("str", str(q))
    q.task_done()
    print("str", str(q))


asyncio.run(main())
