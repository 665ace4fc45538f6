# A task cancelled before its first step never runs its body; awaiting it raises
# CancelledError and its state reports cancelled.
import asyncio


async def body():
    print("never printed")


async def main():
    t = asyncio.create_task(body(), name="victim")
    print("cancel returns", t.cancel())
    print("done right after cancel()?", t.done(), "cancelling()", t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print("CancelledError", repr(e.args))
    print("done", t.done(), "cancelled", t.cancelled())
    try:
        t.result()
    except asyncio.CancelledError:
        print("result() raises CancelledError")
    try:
        t.exception()
    except asyncio.CancelledError:
        print("exception() raises CancelledError")
    print("cancel on a cancelled task returns", t.cancel())


asyncio.run(main())
