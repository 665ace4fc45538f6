# asyncio.timeout: expiry cancels the block and raises TimeoutError at its end; code after
# the await inside the block is skipped; expired() and when() report the state.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    try:
        async with asyncio.timeout(1) as cm:
            print("deadline in", round(cm.when() - t0, 1))
            await asyncio.sleep(2)
            print("not printed")
    except TimeoutError as e:
        print("TimeoutError at", round(loop.time() - t0, 1), "cause", type(e.__cause__).__name__)
    print("expired", cm.expired())
    async with asyncio.timeout(1) as cm:
        await asyncio.sleep(0.5)
    print("in time; expired", cm.expired(), "at", round(loop.time() - t0, 1))
    async with asyncio.timeout(None) as cm:
        print("no deadline:", cm.when())
        await asyncio.sleep(0.5)
    # a deadline already in the past expires at the first await
    try:
        async with asyncio.timeout(-1):
            print("body starts")
            await asyncio.sleep(0)
            print("not printed")
    except TimeoutError:
        print("past deadline raised at", round(loop.time() - t0, 1))


asyncio.run(main())
