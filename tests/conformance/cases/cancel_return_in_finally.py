# A return inside finally swallows the CancelledError: the task ends with a result,
# not cancelled.
import asyncio


async def obstinate():
    try:
        await asyncio.sleep(5)
    finally:
        return "returned from finally"


async def main():
    t = asyncio.create_task(obstinate(), name="obstinate")
    await asyncio.sleep(0.1)
    t.cancel()
    print(await t, "| cancelled:", t.cancelled(), "| cancelling:", t.cancelling())


asyncio.run(main())
