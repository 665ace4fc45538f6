# join() waits until task_done() was called once per item; too many task_done() calls
# raise ValueError; join on an empty queue returns at once.
import asyncio


async def worker(q, loop, t0):
    while True:
        item = await q.get()
        await asyncio.sleep(item)
        print(round(loop.time() - t0, 1), "processed", item)
        q.task_done()


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    q = asyncio.Queue()
    await q.join()
    print("empty join returned at", round(loop.time() - t0, 1))
    for item in [0.5, 0.3, 0.4]:
        q.put_nowait(item)
    w = asyncio.create_task(worker(q, loop, t0), name="worker")
    await q.join()
    print("joined at", round(loop.time() - t0, 1))
    w.cancel()
    try:
        q.task_done()
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
