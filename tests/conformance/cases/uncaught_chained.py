# An exception raised while handling another prints both tracebacks.
import asyncio


async def save():
    await asyncio.sleep(0.1)
    raise OSError("disk full")


async def main():
    try:
        await save()
    except OSError:
        await asyncio.sleep(0.1)
        raise RuntimeError("could not save the report")


asyncio.run(main())
