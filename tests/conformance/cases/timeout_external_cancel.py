# A task cancelled from outside while inside asyncio.timeout sees CancelledError, not
# TimeoutError: the timeout only converts its own cancellation.
import asyncio


async def guarded():
    try:
        async with asyncio.timeout(5) as cm:
            await asyncio.sleep(10)
    except TimeoutError:
        print("wrong: TimeoutError")
    except asyncio.CancelledError:
        print("CancelledError passes through; timeout expired:", cm.expired())
        raise


async def main():
    t = asyncio.create_task(guarded(), name="guarded")
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled:", t.cancelled())


asyncio.run(main())
