# CPython: 3.10
# What asyncio.iscoroutinefunction / iscoroutine say about @asyncio.coroutine, and how
# the decorator wraps a plain function (its result is awaited when it is awaitable).
import asyncio


@asyncio.coroutine
def gen_coro():
    yield from asyncio.sleep(0.1)
    return "gen"


@asyncio.coroutine
async def native_coro():
    return "native"


@asyncio.coroutine
def plain():
    return "plain value"


async def helper():
    await asyncio.sleep(0.2)
    return "helper result"


@asyncio.coroutine
def returns_coroutine():
    return helper()


def normal_gen():
    yield 1


print("iscoroutinefunction(gen_coro):", asyncio.iscoroutinefunction(gen_coro))
print("iscoroutinefunction(native_coro):", asyncio.iscoroutinefunction(native_coro))
print("iscoroutinefunction(plain):", asyncio.iscoroutinefunction(plain))
print("iscoroutinefunction(normal_gen):", asyncio.iscoroutinefunction(normal_gen))
print("names:", gen_coro.__name__, plain.__name__, returns_coroutine.__qualname__)
g = gen_coro()
print("iscoroutine(gen_coro()):", asyncio.iscoroutine(g))
g.close()
n = normal_gen()
print("iscoroutine(normal_gen()):", asyncio.iscoroutine(n))


async def main():
    t0 = asyncio.get_running_loop().time()
    print(await gen_coro(), round(asyncio.get_running_loop().time() - t0, 1))
    print(await native_coro())
    print(await plain())
    print(await returns_coroutine(), round(asyncio.get_running_loop().time() - t0, 1))
    print(await asyncio.gather(gen_coro(), plain(), returns_coroutine()))


asyncio.run(main())
