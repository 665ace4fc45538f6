# CPython: 3.8
# A 3.8-era program using every old form at once: @asyncio.coroutine, yield from,
# bare coroutines in asyncio.wait(..., loop=loop), "with (yield from lock)",
# Task.all_tasks() at shutdown and run_forever() with call_later(stop).
import asyncio


@asyncio.coroutine
def worker(n, lock, log):
    yield from asyncio.sleep(0.1 * n)
    with (yield from lock):
        log.append(n)
        print(f"worker {n} in at {round(loop.time() - t0, 2)}")
        yield from asyncio.sleep(0.25)
    return n * n


@asyncio.coroutine
def heartbeat():
    while True:
        yield from asyncio.sleep(0.4)
        print(f"heartbeat at {round(loop.time() - t0, 2)}")


loop = asyncio.get_event_loop()
t0 = loop.time()
lock = asyncio.Lock()
log = []
asyncio.ensure_future(heartbeat())
done, pending = loop.run_until_complete(asyncio.wait([worker(n, lock, log) for n in (1, 2, 3)], loop=loop))
print("results:", sorted(f.result() for f in done), "order:", log)
loop.call_later(0.5, loop.stop)
loop.run_forever()
for task in asyncio.Task.all_tasks():
    task.cancel()
loop.run_until_complete(asyncio.sleep(0))
print("all done:", all(t.done() for t in asyncio.Task.all_tasks()))
loop.close()
