# A task may catch CancelledError and return normally: it is then not cancelled, and its
# cancelling() count stays up until uncancel().
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn: cancellation refused, cancelling() =", asyncio.current_task().cancelling())
    await asyncio.sleep(0.5)
    print("still counted:", asyncio.current_task().cancelling())
    return 42


async def main():
    t = asyncio.create_task(stubborn(), name="stubborn")
    await asyncio.sleep(0.1)
    t.cancel()
    r = await t
    print("result", r, "cancelled()", t.cancelled(), "cancelling()", t.cancelling())


asyncio.run(main())
