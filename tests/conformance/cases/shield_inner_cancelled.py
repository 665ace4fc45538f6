# If the shielded task itself is cancelled, awaiting the shield raises CancelledError;
# an inner exception passes through the shield.
import asyncio


async def work(fail):
    await asyncio.sleep(1)
    if fail:
        raise ArithmeticError("inner failure")
    return "ok"


async def main():
    t = asyncio.create_task(work(False), name="w")
    asyncio.get_running_loop().call_later(0.5, t.cancel)
    try:
        await asyncio.shield(t)
    except asyncio.CancelledError:
        print("shield raised CancelledError; task cancelled?", t.cancelled())
    print("main cancelling()", asyncio.current_task().cancelling())
    try:
        await asyncio.shield(work(True))
    except ArithmeticError as e:
        print("passed through:", repr(e))


asyncio.run(main())
