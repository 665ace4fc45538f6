# ensure_future wraps coroutines in tasks and returns futures unchanged; wrap_future is
# not needed; Task is a Future subclass.
import asyncio


async def value():
    await asyncio.sleep(0.1)
    return "v"


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    print(asyncio.ensure_future(f) is f)
    t = asyncio.ensure_future(value())
    print(type(t).__name__, isinstance(t, asyncio.Future), await t)
    t2 = loop.create_task(value(), name="via-loop")
    print(t2.get_name(), await t2)
    try:
        asyncio.ensure_future(42)
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
