# wait(FIRST_EXCEPTION) returns at the first failure, or when all are done if none fails;
# wait never raises the tasks' exceptions itself.
import asyncio


async def job(v, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise RuntimeError(v)
    return v


def names(s):
    return sorted(t.get_name() for t in s)


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    ts = [asyncio.create_task(job("a", 0.2), name="a"),
          asyncio.create_task(job("b", 0.4, True), name="b"),
          asyncio.create_task(job("c", 0.9), name="c")]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    print(round(loop.time() - t0, 1), names(done), names(pending), repr(ts[1].exception()))
    await asyncio.wait(pending)
    t0 = loop.time()
    ts = [asyncio.create_task(job("x", 0.2), name="x"), asyncio.create_task(job("y", 0.6), name="y")]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    print(round(loop.time() - t0, 1), names(done), names(pending))


asyncio.run(main())
