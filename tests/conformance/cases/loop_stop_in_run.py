# Stopping the loop before the main coroutine finishes makes asyncio.run fail.
import asyncio


async def main():
    asyncio.get_running_loop().call_later(0.2, asyncio.get_running_loop().stop)
    print("main sleeps")
    await asyncio.sleep(1)
    print("not reached")


asyncio.run(main())
