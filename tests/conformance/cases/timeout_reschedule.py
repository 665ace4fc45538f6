# reschedule() moves a timeout's deadline, None removes it; timeout_at takes a loop time.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    async with asyncio.timeout(0.5) as cm:
        cm.reschedule(None)
        print("when after reschedule(None):", cm.when())
        await asyncio.sleep(1)
    print("survived at", round(loop.time() - t0, 1))
    try:
        async with asyncio.timeout(None) as cm:
            await asyncio.sleep(0.5)
            cm.reschedule(loop.time() + 0.5)
            await asyncio.sleep(2)
    except TimeoutError:
        print("rescheduled deadline hit at", round(loop.time() - t0, 1))
    try:
        async with asyncio.timeout_at(loop.time() + 1.5) as cm:
            await asyncio.sleep(1)
            cm.reschedule(cm.when() - 1)
            await asyncio.sleep(1)
    except TimeoutError:
        print("earlier deadline hit at", round(loop.time() - t0, 1))


asyncio.run(main())
