# loop.run_in_executor(None, fn, *args) runs fn in the default thread pool, like
# to_thread without keyword arguments.
import asyncio
import time


def crunch(n, seconds):
    time.sleep(seconds)
    return sum(range(n))


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    a = loop.run_in_executor(None, crunch, 10, 0.6)
    b = loop.run_in_executor(None, crunch, 100, 0.3)
    print(type(a).__name__, asyncio.isfuture(a))
    print(await b, "at", round(loop.time() - t0, 1))
    print(await a, "at", round(loop.time() - t0, 1))


asyncio.run(main())
