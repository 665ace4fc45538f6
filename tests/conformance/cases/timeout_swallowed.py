# A block that catches the CancelledError itself ends normally: no TimeoutError, but the
# timeout still reports expired().
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    async with asyncio.timeout(0.5) as cm:
        try:
            await asyncio.sleep(2)
        except asyncio.CancelledError:
            print("caught the cancellation inside the block")
    print("no TimeoutError; expired", cm.expired(), "at", round(loop.time() - t0, 1))
    print("cancelling()", asyncio.current_task().cancelling())


asyncio.run(main())
