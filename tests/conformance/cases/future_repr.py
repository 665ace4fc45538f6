# repr of futures in each state.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    print(repr(f))
    f.set_result([1, 2])
    print(repr(f))
    g = loop.create_future()
    g.set_exception(ValueError("v"))
    print(repr(g))
    g.exception()
    h = loop.create_future()
    h.cancel()
    print(repr(h))
    print(repr(asyncio.CancelledError()), repr(asyncio.InvalidStateError("x")))
    print(asyncio.QueueEmpty.__name__, asyncio.QueueFull.__name__, asyncio.InvalidStateError.__mro__[1].__name__)


asyncio.run(main())
