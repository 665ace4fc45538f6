# The object asyncio.timeout() returns cannot be entered twice, and reschedule() works
# only while it is entered.
import asyncio


async def main():
    cm = asyncio.timeout(1)
    print("before entering:", cm.when() is not None, cm.expired())
    async with cm:
        await asyncio.sleep(0.1)
    try:
        async with cm:
            pass
    except RuntimeError as e:
        print("RuntimeError:", e)
    fresh = asyncio.timeout(None)
    try:
        fresh.reschedule(5)
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        cm.reschedule(None)
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
