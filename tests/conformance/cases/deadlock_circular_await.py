# Expect: deadlock
# Two tasks await each other: neither can ever finish.
import asyncio

tasks = {}


async def first():
    await asyncio.sleep(0.1)
    print("first waits for second")
    await tasks["second"]


async def second():
    await asyncio.sleep(0.2)
    print("second waits for first")
    await tasks["first"]


async def main():
    tasks["first"] = asyncio.create_task(first(), name="first")
    tasks["second"] = asyncio.create_task(second(), name="second")
    await asyncio.gather(tasks["first"], tasks["second"])


asyncio.run(main())
