# Future states, result()/exception() errors, set_result twice, and await on a future.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    print("done", f.done(), "cancelled", f.cancelled())
    try:
        f.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    loop.call_later(0.5, f.set_result, 7)
    print("awaited", await f, "result", f.result(), "exception", f.exception())
    try:
        f.set_result(8)
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    g = loop.create_future()
    g.set_exception(KeyError("k"))
    print("exception()", repr(g.exception()))
    try:
        await g
    except KeyError as e:
        print("await raised", repr(e))
    h = loop.create_future()
    print("cancel", h.cancel(), "again", h.cancel(), "cancelled", h.cancelled())
    try:
        h.set_result(1)
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    try:
        g.set_exception(StopIteration())
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    k = loop.create_future()
    try:
        k.set_exception(StopIteration())
    except TypeError as e:
        print("TypeError:", e)
    c = asyncio.sleep(1)
    print(asyncio.isfuture(f), asyncio.isfuture(c), asyncio.iscoroutine(c), asyncio.iscoroutine(main))
    c.close()


asyncio.run(main())
