# An uncaught TimeoutError ends the program with a traceback and exit status 1.
import asyncio


async def fetch():
    await asyncio.sleep(5)


async def main():
    print("fetching with a 1 s budget")
    async with asyncio.timeout(1):
        await fetch()


asyncio.run(main())
