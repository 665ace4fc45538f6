# Timing out while waiting for a Semaphore does not lose or create permits.
import asyncio


async def main():
    sem = asyncio.Semaphore(1)
    await sem.acquire()
    for i in range(3):
        try:
            await asyncio.wait_for(sem.acquire(), timeout=0.2)
            print("acquired?!")
        except TimeoutError:
            print("attempt", i, "timed out; locked:", sem.locked())
    sem.release()
    print("after release, locked:", sem.locked())
    await sem.acquire()
    print("acquired once more; locked:", sem.locked())
    try:
        await asyncio.wait_for(sem.acquire(), timeout=0.2)
    except TimeoutError:
        print("second acquire times out: only one permit exists")


asyncio.run(main())
