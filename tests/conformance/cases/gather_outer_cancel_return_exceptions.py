# Cancelling a gather(return_exceptions=True) cancels the children, and the gather then
# raises CancelledError, not a list.
import asyncio


async def child(i):
    try:
        await asyncio.sleep(2)
        return i
    except asyncio.CancelledError:
        print("child", i, "cancelled")
        raise


async def main():
    g = asyncio.gather(child(1), child(2), return_exceptions=True)
    asyncio.get_running_loop().call_later(0.5, g.cancel)
    try:
        r = await g
        print("returned", r)
    except asyncio.CancelledError:
        print("gather raised CancelledError")
    print("main cancelling():", asyncio.current_task().cancelling())


asyncio.run(main())
