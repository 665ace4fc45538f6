# Tasks sleeping the same time wake in the order they went to sleep.
import asyncio


async def napper(name, delay, log):
    await asyncio.sleep(delay)
    log.append(name)


async def main():
    log = []
    tasks = [asyncio.create_task(napper(n, 1, log), name=n) for n in "edcba"]
    tasks += [asyncio.create_task(napper(n, 0.5, log), name=n) for n in "xy"]
    await asyncio.gather(*tasks)
    print(log)


asyncio.run(main())
