# Once a TaskGroup is aborting after a failure, create_task raises RuntimeError; the
# body's await is cancelled and the failure arrives as an ExceptionGroup.
import asyncio


async def boom():
    await asyncio.sleep(0.2)
    raise OSError("boom")


async def quick():
    return "quick"


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(boom(), name="boom")
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print("body cancelled by the failing child")
                coro = quick()
                try:
                    tg.create_task(coro)
                except RuntimeError as e:
                    print("RuntimeError:", e)
                coro.close()
                raise
    except* OSError as eg:
        print("group:", repr(eg.exceptions))
    print("main continues, cancelling() =", asyncio.current_task().cancelling())


asyncio.run(main())
