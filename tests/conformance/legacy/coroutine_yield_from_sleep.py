# CPython: 3.10
# The classic pre-3.5 tutorial: generator-based coroutines with @asyncio.coroutine and
# "yield from", driven by loop.run_until_complete().
import asyncio


@asyncio.coroutine
def greet(name, delay):
    t0 = loop.time()
    print(f"{name}: waiting {delay}s")
    yield from asyncio.sleep(delay)
    print(f"{name}: done after {round(loop.time() - t0, 1)}s")
    return name.upper()


@asyncio.coroutine
def main():
    first = yield from greet("alice", 0.3)
    print("first:", first)
    results = yield from asyncio.gather(greet("bob", 0.5), greet("carol", 0.2))
    print("gathered:", results)
    return len(results)


loop = asyncio.get_event_loop()
print("result:", loop.run_until_complete(main()))
loop.close()
print("closed:", loop.is_closed())
