# A future whose exception nobody retrieves is reported when its last reference goes.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    f.set_exception(ValueError("lost"))
    f = None
    await asyncio.sleep(0.1)
    g = loop.create_future()
    g.set_exception(KeyError("seen"))
    print("retrieved:", repr(g.exception()))
    g = None
    print("end")


asyncio.run(main())
