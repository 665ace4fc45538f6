# loop.set_exception_handler receives what the loop would otherwise log: failing
# callbacks; get_exception_handler returns it and None restores the default.
import asyncio


def handler(loop, context):
    print("handler:", context["message"], "|", repr(context.get("exception")))


def bad(x):
    raise LookupError(x)


async def main():
    loop = asyncio.get_running_loop()
    print("default handler:", loop.get_exception_handler())
    loop.set_exception_handler(handler)
    print("installed:", loop.get_exception_handler() is handler)
    loop.call_soon(bad, "from call_soon")
    loop.call_later(0.1, bad, "from call_later")
    t = asyncio.create_task(asyncio.sleep(0.2), name="t")
    t.add_done_callback(lambda f: bad("from a done callback"))
    await asyncio.sleep(0.5)
    loop.call_exception_handler({"message": "reported by hand"})
    loop.set_exception_handler(None)
    print("restored:", loop.get_exception_handler())


asyncio.run(main())
