# Two cancel() calls before the task runs again deliver one CancelledError, but
# cancelling() counts both requests.
import asyncio


async def victim():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        t = asyncio.current_task()
        print("caught once; cancelling() =", t.cancelling())
        print("uncancel ->", t.uncancel(), "; uncancel ->", t.uncancel())
    await asyncio.sleep(0.5)
    print("victim carries on and returns")
    return "survived"


async def main():
    t = asyncio.create_task(victim(), name="victim")
    await asyncio.sleep(0.5)
    print(t.cancel(), t.cancel(), "cancelling() =", t.cancelling())
    print(await t, "cancelled?", t.cancelled())


asyncio.run(main())
