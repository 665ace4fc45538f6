# Expect: deadlock
# join() on a queue whose consumer forgot task_done() never returns.
import asyncio


async def consumer(q):
    while True:
        item = await q.get()
        print("consumed", item)  # no task_done()


async def main():
    q = asyncio.Queue()
    asyncio.create_task(consumer(q), name="consumer")
    for i in range(3):
        await q.put(i)
    await q.join()
    print("never printed")


asyncio.run(main())
