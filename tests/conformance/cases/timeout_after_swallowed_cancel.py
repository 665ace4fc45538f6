# A block inside asyncio.timeout swallows an outside cancel(); when the timeout then
# expires, 3.11 does not turn the cancellation into TimeoutError, because the task still
# has an outstanding cancel request (cancelling() stays above the timeout's own count).
import asyncio


async def worker():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    try:
        async with asyncio.timeout(1) as cm:
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                print("swallowed the outside cancel at", round(loop.time() - t0, 1))
            await asyncio.sleep(5)
    except TimeoutError:
        print("TimeoutError")
    except asyncio.CancelledError:
        print("CancelledError at", round(loop.time() - t0, 1), "expired:", cm.expired(),
              "cancelling:", asyncio.current_task().cancelling())
        raise


async def main():
    t = asyncio.create_task(worker(), name="worker")
    await asyncio.sleep(0.5)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    print("worker cancelled:", t.cancelled())


asyncio.run(main())
