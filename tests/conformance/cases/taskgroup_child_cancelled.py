# Cancelling one child of a TaskGroup from outside is not an error for the group: the
# other children carry on and the group exits normally.
import asyncio


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "finished")
        return name
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(child("a", 0.5), name="a")
        b = tg.create_task(child("b", 1), name="b")
        await asyncio.sleep(0.2)
        a.cancel()
    print("group done:", a.cancelled(), b.result())


asyncio.run(main())
