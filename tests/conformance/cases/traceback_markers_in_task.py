# An uncaught error raised in a task and awaited by main: every frame of the traceback,
# the task's included, shows 3.11's position markers where CPython shows them.
import asyncio


async def ratio(totals, key, count):
    await asyncio.sleep(0.1)
    return totals[key] / count


async def report(totals):
    task = asyncio.create_task(ratio(totals, "done", 0))
    value = round(await task, 2)
    return value


async def main():
    print("starting")
    summary = {"result": await report({"done": 4})}
    print(summary)


asyncio.run(main())
