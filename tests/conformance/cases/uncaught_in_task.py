# An exception raised in an awaited task ends asyncio.run with a traceback through
# every await, and exit status 1.
import asyncio


async def parse(text):
    await asyncio.sleep(0.1)
    return int(text)


async def main():
    print("parsing")
    t = asyncio.create_task(parse("12x"), name="parser")
    value = await t
    print("not reached", value)


asyncio.run(main())
