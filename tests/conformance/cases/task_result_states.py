# A task's result()/exception() before it is done raise InvalidStateError; done() is
# True only after its body ended; exceptions are kept with their type.
import asyncio


async def work(fail):
    await asyncio.sleep(0.2)
    if fail:
        raise PermissionError("denied")
    return "ok"


async def main():
    t = asyncio.create_task(work(False), name="good")
    for method in (t.result, t.exception):
        try:
            method()
        except asyncio.InvalidStateError as e:
            print(method.__name__, "->", e)
    print(await t, t.exception(), t.done())
    u = asyncio.create_task(work(True), name="bad")
    await asyncio.sleep(0.5)
    print("done", u.done(), "exception", repr(u.exception()))
    try:
        u.result()
    except PermissionError as e:
        print("result() re-raises", repr(e))
    try:
        await u
    except PermissionError as e:
        print("await re-raises", repr(e))


asyncio.run(main())
