# A released permit goes to the longest waiter; a task that arrives while a waiter is
# being woken does not take it first.
import asyncio


async def worker(name, sem, log):
    async with sem:
        log.append(name)
        await asyncio.sleep(0.1)


async def main():
    sem = asyncio.Semaphore(1)
    log = []
    await sem.acquire()
    first = asyncio.create_task(worker("first", sem, log), name="first")
    await asyncio.sleep(0.1)
    sem.release()
    print("locked after release with a waiter:", sem.locked())
    second = asyncio.create_task(worker("second", sem, log), name="second")
    await asyncio.gather(first, second)
    print(log)


asyncio.run(main())
