# A group of more than 15 exceptions prints the first 15 and counts the rest, as
# CPython's traceback does.
import asyncio


async def check(n):
    await asyncio.sleep(0.1)
    raise ValueError(f"reading {n} out of range")


async def main():
    results = await asyncio.gather(*(check(n) for n in range(17)), return_exceptions=True)
    print(len(results), "failures")
    raise ExceptionGroup("readings", results)


asyncio.run(main())
