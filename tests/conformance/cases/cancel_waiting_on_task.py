# Cancelling a task that awaits another task cancels the awaited task too; cancelling the
# awaited task makes the awaiter see CancelledError.
import asyncio


async def leaf(name):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def parent(child):
    try:
        await child
    except asyncio.CancelledError:
        print("parent saw CancelledError; child cancelled?", child.cancelled())
        raise


async def main():
    c1 = asyncio.create_task(leaf("child1"), name="child1")
    p1 = asyncio.create_task(parent(c1), name="parent1")
    await asyncio.sleep(0.5)
    p1.cancel()
    await asyncio.gather(p1, return_exceptions=True)
    print("p1", p1.cancelled(), "c1", c1.cancelled())
    c2 = asyncio.create_task(leaf("child2"), name="child2")
    p2 = asyncio.create_task(parent(c2), name="parent2")
    await asyncio.sleep(0.5)
    c2.cancel()
    await asyncio.gather(p2, return_exceptions=True)
    print("p2", p2.cancelled(), "c2", c2.cancelled())


asyncio.run(main())
