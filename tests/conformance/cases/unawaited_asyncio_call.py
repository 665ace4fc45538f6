# The other classic slip: asyncio.sleep(), queue.get(), lock.acquire() ... called without
# await. They are coroutines in CPython, so they warn when dropped, naming the method.
import asyncio


async def main():
    asyncio.sleep(0.1)
    print("slept? no")
    q = asyncio.Queue()
    q.put(1)
    print("queue size", q.qsize())
    q.put_nowait(2)
    q.get()
    q.join()
    lock = asyncio.Lock()
    lock.acquire()
    print("locked", lock.locked())
    asyncio.Event().wait()
    asyncio.Semaphore(1).acquire()
    for i in range(3):
        asyncio.sleep(i)
    pending = asyncio.sleep(0.2)
    print("made one")
    pending = None
    ok = asyncio.sleep(0.1, result="awaited")
    print(await ok)
    closed = asyncio.sleep(1)
    closed.close()
    task = asyncio.create_task(asyncio.sleep(0.1, result="in a task"))
    print(await task)
    await asyncio.to_thread(print, "to_thread awaited")


asyncio.run(main())
