# CPython: 3.10
# The classic "loop.run_until_complete(asyncio.wait([...]))" with bare coroutines:
# 3.10 wraps each one in a task.
import asyncio


async def fetch(n, delay):
    await asyncio.sleep(delay)
    print(f"fetched {n} at {round(loop.time() - t0, 1)}")
    return n * 10


loop = asyncio.get_event_loop()
t0 = loop.time()
done, pending = loop.run_until_complete(asyncio.wait([fetch(1, 0.3), fetch(2, 0.1), fetch(3, 0.2)]))
print("done:", sorted(t.result() for t in done), "pending:", len(pending))


async def main():
    done, pending = await asyncio.wait([fetch(4, 0.2), fetch(5, 0.7)], timeout=0.5)
    print("after timeout:", sorted(t.result() for t in done), len(pending))
    (late,) = pending
    print("late one:", await late)
    done, pending = await asyncio.wait([fetch(6, 0.4), asyncio.ensure_future(fetch(7, 0.1))],
                                       return_when=asyncio.FIRST_COMPLETED)
    print("first completed:", [t.result() for t in done], len(pending))
    await asyncio.wait(pending)


loop.run_until_complete(main())
