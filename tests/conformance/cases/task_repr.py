# print(task) in each state: before its first step, suspended, finished with a result,
# failed, cancelled.
import asyncio


async def work(x):
    await asyncio.sleep(0.1)
    if x < 0:
        raise ValueError(x)
    return x * 2


async def main():
    t = asyncio.create_task(work(21), name="worker")
    print(t)
    await asyncio.sleep(0)
    print(repr(t))
    await t
    print(t)
    u = asyncio.create_task(work(-1), name="failing")
    await asyncio.sleep(0.2)
    print(u)
    u.exception()
    v = asyncio.create_task(work(1), name="victim")
    v.cancel()
    await asyncio.sleep(0)
    print(v)
    print(str(t) == repr(t))


asyncio.run(main())
