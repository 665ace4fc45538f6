# CPython: 3.8
# Old scripts make their tasks with asyncio.Task(), ensure_future() and loop.create_task()
# before the loop runs, then drive them with run_until_complete(gather / wait).
import asyncio


@asyncio.coroutine
def slow(n):
    yield from asyncio.sleep(n / 10)
    print("slow", n, "at", round(loop.time() - t0, 1))
    return n


loop = asyncio.get_event_loop()
t0 = loop.time()
t1 = asyncio.Task(slow(2))
t2 = asyncio.ensure_future(slow(1))
t3 = loop.create_task(slow(3))
print("running before:", loop.is_running(), [t.done() for t in (t1, t2, t3)])
print(loop.run_until_complete(asyncio.gather(t1, t2, t3)))
tasks = [asyncio.ensure_future(slow(i)) for i in (4, 5)]
done, pending = loop.run_until_complete(asyncio.wait(tasks))
print([t.result() for t in tasks], len(done), len(pending))
print(asyncio.iscoroutinefunction(slow), asyncio.iscoroutine(slow(1)))
