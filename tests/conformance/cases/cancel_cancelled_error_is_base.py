# CancelledError is a BaseException: "except Exception" does not catch it.
import asyncio


async def careless():
    try:
        await asyncio.sleep(5)
    except Exception:
        print("never: Exception does not catch CancelledError")
    return "finished"


async def main():
    print(issubclass(asyncio.CancelledError, Exception), issubclass(asyncio.CancelledError, BaseException))
    print(asyncio.TimeoutError is TimeoutError, asyncio.CancelledError.__name__)
    t = asyncio.create_task(careless(), name="careless")
    await asyncio.sleep(0.1)
    t.cancel()
    try:
        await t
    except Exception:
        print("wrong")
    except asyncio.CancelledError:
        print("caught as BaseException subclass")


asyncio.run(main())
