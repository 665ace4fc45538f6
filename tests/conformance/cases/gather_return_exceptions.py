# return_exceptions=True: errors and cancelled children come back as values, in order.
import asyncio


async def work(i):
    await asyncio.sleep(0.1 * i)
    if i == 2:
        raise ValueError(f"bad {i}")
    if i == 4:
        raise asyncio.TimeoutError()
    return i * 10


async def main():
    tasks = [asyncio.create_task(work(i), name=f"w{i}") for i in range(6)]
    victim = asyncio.create_task(asyncio.sleep(5), name="victim")
    tasks.append(victim)
    asyncio.get_running_loop().call_later(0.25, victim.cancel)
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for r in results:
        print(type(r).__name__, repr(r))
    print(isinstance(results[4], TimeoutError))


asyncio.run(main())
