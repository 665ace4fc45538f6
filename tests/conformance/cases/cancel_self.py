# A task that cancels itself keeps running until its next await, which raises.
import asyncio


async def selfish():
    me = asyncio.current_task()
    print("cancel myself:", me.cancel())
    print("still running, cancelling() =", me.cancelling())
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("raised at the next await")
        raise


async def main():
    t = asyncio.create_task(selfish(), name="selfish")
    try:
        await t
    except asyncio.CancelledError:
        print("selfish cancelled:", t.cancelled())


asyncio.run(main())
