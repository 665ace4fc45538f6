# Without return_exceptions the first exception reaches the awaiter at once; the other
# children are not cancelled and finish on their own.
import asyncio


async def ok(name, delay):
    await asyncio.sleep(delay)
    print(name, "finished")
    return name


async def bad(name, delay):
    await asyncio.sleep(delay)
    print(name, "raising")
    raise KeyError(name)


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    a = asyncio.create_task(ok("a", 1), name="a")
    b = asyncio.create_task(bad("b", 0.5), name="b")
    c = asyncio.create_task(bad("c", 0.7), name="c")
    try:
        await asyncio.gather(a, b, c)
    except KeyError as e:
        print("gather raised", repr(e), "at", round(loop.time() - t0, 1))
    print("a done?", a.done(), "c done?", c.done())
    await asyncio.sleep(1)
    print("a:", a.result(), "cancelled?", a.cancelled())
    print("c:", repr(c.exception()))


asyncio.run(main())
