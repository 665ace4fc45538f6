# CPython: 3.10
# Inside @asyncio.coroutine, "yield from" works on native coroutines, futures, tasks,
# asyncio.sleep() and other generator-based coroutines; native coroutines await them.
import asyncio


async def native(x):
    await asyncio.sleep(0.1)
    return x * 2


@asyncio.coroutine
def inner(x):
    yield from asyncio.sleep(0.2)
    return x + 1


@asyncio.coroutine
def outer():
    t0 = loop.time()
    a = yield from native(1)
    print("native coroutine ->", a, round(loop.time() - t0, 1))
    b = yield from inner(a)
    print("generator coroutine ->", b, round(loop.time() - t0, 1))
    fut = loop.create_future()
    loop.call_later(0.3, fut.set_result, "from a future")
    c = yield from fut
    print("future ->", c, round(loop.time() - t0, 1))
    task = asyncio.ensure_future(inner(10))
    d = yield from task
    print("task ->", d, round(loop.time() - t0, 1))
    e = yield from asyncio.sleep(0.1, result="slept")
    print("sleep ->", e, round(loop.time() - t0, 1))
    return "outer done"


async def native_main():
    t0 = loop.time()
    r = await inner(5)
    print("await generator coroutine ->", r, round(loop.time() - t0, 1))
    t = asyncio.create_task(outer())
    print("task of a generator coroutine:", t.get_name())
    print(await t)
    done, pending = await asyncio.wait([asyncio.ensure_future(inner(1))])
    print("wait:", [f.result() for f in done], len(pending))


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
loop.run_until_complete(native_main())
loop.close()
print("asyncio.run:", asyncio.run(inner(41)))
