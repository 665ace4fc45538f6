# wait(FIRST_COMPLETED) returns as soon as one task is done; results are read from the tasks.
import asyncio


async def job(v, delay):
    await asyncio.sleep(delay)
    return v


def names(s):
    return sorted(t.get_name() for t in s)


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    tasks = [asyncio.create_task(job(i, d), name=f"job{i}") for i, d in enumerate([0.8, 0.3, 0.5])]
    pending = set(tasks)
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        print(round(loop.time() - t0, 1), "done", names(done), "results", sorted(t.result() for t in done),
              "pending", names(pending))
    print(type(done).__name__, type(pending).__name__)


asyncio.run(main())
