# asyncio.timeout around a TaskGroup: on expiry the group's children are cancelled and the
# timeout raises a plain TimeoutError.
import asyncio


async def worker(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "finished")
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    try:
        async with asyncio.timeout(1):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(worker("short", 0.5), name="short")
                tg.create_task(worker("long", 3), name="long")
    except TimeoutError as e:
        print("TimeoutError at", round(loop.time() - t0, 1), type(e).__name__)


asyncio.run(main())
