# If the inner task swallows the cancellation and returns a value, 3.11's wait_for
# returns that value instead of raising TimeoutError.
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn: ignoring cancel")
        return "partial result"
    return "full result"


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    r = await asyncio.wait_for(stubborn(), timeout=0.5)
    print("wait_for returned", repr(r), "at", round(loop.time() - t0, 1))


asyncio.run(main())
