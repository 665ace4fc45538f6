# CPython: 3.10
# "yield from" something that is neither iterable nor awaitable fails as in 3.10.
import asyncio


@asyncio.coroutine
def work():
    print("start")
    yield from asyncio.sleep(0.1)
    yield from 5
    print("never")


loop = asyncio.get_event_loop()
loop.run_until_complete(work())
