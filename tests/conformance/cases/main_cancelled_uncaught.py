# A main coroutine that is cancelled and does not catch it ends asyncio.run with
# CancelledError: a traceback and exit status 1.
import asyncio


async def main():
    await asyncio.sleep(0.1)
    print("main cancels itself")
    asyncio.current_task().cancel()
    await asyncio.sleep(0.1)
    print("not reached")


asyncio.run(main())
