# asyncio.run waits for leftover tasks it cancels, even one that refuses the cancellation
# and finishes its work first.
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn: cancelled at shutdown, finishing anyway")
        await asyncio.sleep(0.5)
        print("stubborn: done")
    return "ignored"


async def main():
    asyncio.create_task(stubborn(), name="stubborn")
    await asyncio.sleep(0.1)
    print("main returns")


asyncio.run(main())
print("asyncio.run returned")
