# Calling an async def without awaiting it: CPython warns on stderr when the coroutine
# object dies (at once for a discarded result), once per line, naming the line running.
import asyncio


async def h():
    return 1


class Worker:
    async def run(self):
        return 2


async def g():
    c = h()
    print("in g")
    return 3


async def main():
    async def inner():
        pass

    h()
    print("after h")
    for i in range(3):
        h()
    Worker().run()
    inner()
    x = await g()
    print("g", x)
    y = h()
    print("y made")
    y = None
    z = h()
    z.close()
    await asyncio.create_task(h())
    print("end")


asyncio.run(main())
h()
print("done")
