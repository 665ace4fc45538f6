# CPython: 3.10
# A bare "yield" inside @asyncio.coroutine gives the loop one turn (Task.__step's
# "bare yield relinquishes control"), so two such coroutines take turns.
import asyncio


@asyncio.coroutine
def ticker(name, n):
    for i in range(n):
        print(name, i)
        value = yield
        print(name, "got", value)
    return name


@asyncio.coroutine
def main():
    a = asyncio.ensure_future(ticker("a", 3))
    b = asyncio.ensure_future(ticker("b", 2))
    results = yield from asyncio.gather(a, b)
    print("results:", results)


asyncio.get_event_loop().run_until_complete(main())
