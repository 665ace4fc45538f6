# Title: Semaphore limiting 12 fetches to 3
# Lesson: A Semaphore(3) lets at most three tasks into the block at once; the rest queue up and enter, in order, as permits are released.
import asyncio

T0 = 0.0
# chosen so that no two fetches finish at the same moment
DURATIONS = [1.2, 1.5, 2.0, 1.1]


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def fetch(i, limit):
    async with limit:  # waits here while three fetches are running
        log(f"fetch {i:2}: start")
        await asyncio.sleep(DURATIONS[i % 4])
        log(f"fetch {i:2}: done")
    return i


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    limit = asyncio.Semaphore(3)
    tasks = [asyncio.create_task(fetch(i, limit), name=f"fetch-{i}") for i in range(12)]
    results = await asyncio.gather(*tasks)
    log(f"all {len(results)} fetches done")


asyncio.run(main())
