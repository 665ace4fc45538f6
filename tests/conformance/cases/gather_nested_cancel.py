# Cancelling a task blocked in a nested gather cancels the whole tree of children.
import asyncio


async def leaf(name):
    try:
        await asyncio.sleep(3)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def branch(prefix):
    await asyncio.gather(leaf(prefix + "1"), leaf(prefix + "2"))


async def tree():
    await asyncio.gather(branch("a"), branch("b"))


async def main():
    root = asyncio.create_task(tree(), name="root")
    await asyncio.sleep(0.5)
    root.cancel()
    try:
        await root
    except asyncio.CancelledError:
        print("root cancelled")


asyncio.run(main())
