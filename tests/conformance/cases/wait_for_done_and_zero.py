# wait_for on an already finished future returns its result even with timeout=0; a
# future that fails in time re-raises its own exception, not TimeoutError.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    f.set_result("ready")
    print(await asyncio.wait_for(f, timeout=0))
    g = loop.create_future()
    loop.call_later(0.2, g.set_exception, LookupError("late failure"))
    try:
        await asyncio.wait_for(g, timeout=1)
    except LookupError as e:
        print("own exception:", repr(e))
    h = loop.create_future()
    try:
        await asyncio.wait_for(h, timeout=0.3)
    except TimeoutError:
        print("bare future timed out; cancelled:", h.cancelled())


asyncio.run(main())
