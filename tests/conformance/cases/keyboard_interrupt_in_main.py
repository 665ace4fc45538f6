# KeyboardInterrupt raised in a coroutine stops the loop at once: traceback, exit 130.
import asyncio


async def main():
    await asyncio.sleep(0.1)
    print("pretend Ctrl-C")
    raise KeyboardInterrupt


asyncio.run(main())
