# BoundedSemaphore refuses a release beyond its initial value; Semaphore(-1) is refused.
import asyncio


async def main():
    b = asyncio.BoundedSemaphore(2)
    await b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print("ValueError:", e)
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("ValueError:", e)
    s = asyncio.Semaphore(0)
    print("Semaphore(0) locked:", s.locked())

    async def later():
        await asyncio.sleep(0.5)
        print("releasing")
        s.release()

    t = asyncio.create_task(later(), name="later")
    print("acquired:", await s.acquire())
    await t


asyncio.run(main())
