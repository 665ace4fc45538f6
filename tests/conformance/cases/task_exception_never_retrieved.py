# A failed task nobody asks about: when the last reference to it goes, the loop reports
# "Task exception was never retrieved" naming the task, its coroutine and the exception.
import asyncio


async def fail():
    await asyncio.sleep(0.1)
    raise ValueError("x")


class Job:
    async def run(self, key):
        raise KeyError(key)


async def main():
    t = asyncio.create_task(fail())
    await asyncio.sleep(0.5)
    print("done:", t.done())
    del t
    await asyncio.sleep(0.1)
    u = asyncio.create_task(Job().run("k"), name="job")
    await asyncio.sleep(0.1)
    u = None
    await asyncio.sleep(0.1)
    v = asyncio.create_task(fail())
    await asyncio.sleep(0.2)
    print("retrieved:", repr(v.exception()))
    v = None
    print("end")


asyncio.run(main())
