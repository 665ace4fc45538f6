# as_completed yields in finishing order; each yielded awaitable gives a result or raises.
import asyncio


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise LookupError(name)
    return name


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    tasks = [asyncio.create_task(job(n, d, f), name=n)
             for n, d, f in [("slow", 0.9, False), ("fast", 0.1, False), ("broken", 0.4, True), ("mid", 0.6, False)]]
    for aw in asyncio.as_completed(tasks):
        try:
            r = await aw
            print(round(loop.time() - t0, 1), "got", r)
        except LookupError as e:
            print(round(loop.time() - t0, 1), "raised", repr(e))
    # already-finished tasks come out too (in set order, so sort them)
    print("again", sorted([await aw for aw in asyncio.as_completed(tasks[:2])]))


asyncio.run(main())
