# An exception in the body of the async with block cancels the children and is reported
# inside the ExceptionGroup together with the children's errors.
import asyncio


async def child():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("child cancelled")
        raise


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    try:
        async with asyncio.TaskGroup() as tg:
            c = tg.create_task(child(), name="child")
            await asyncio.sleep(0.5)
            raise KeyError("from body")
    except* KeyError as eg:
        print("except* KeyError", repr(eg.exceptions), round(loop.time() - t0, 1))
    print("child cancelled?", c.cancelled())


asyncio.run(main())
