# CPython: 3.10
# Tasks that stop the loop themselves; stop() before run_forever() makes it return after
# one round; run_forever() while running is refused.
import asyncio


@asyncio.coroutine
def producer(queue, n):
    for i in range(n):
        yield from asyncio.sleep(0.2)
        yield from queue.put(i)
        print(f"put {i} at {round(loop.time() - t0, 1)}")
    yield from queue.put(None)


async def consumer(queue):
    total = 0
    while (item := await queue.get()) is not None:
        total += item
    print(f"consumer total {total} at {round(loop.time() - t0, 1)}; stopping the loop")
    loop.stop()
    try:
        loop.run_forever()
    except RuntimeError as e:
        print("nested:", e)
    return total


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
t0 = loop.time()
queue = asyncio.Queue()
prod = loop.create_task(producer(queue, 3))
cons = loop.create_task(consumer(queue))
loop.run_forever()
print("after run_forever:", prod.done(), cons.result())

loop.call_soon(print, "a callback scheduled before")
loop.stop()
loop.run_forever()
print("returned after one round")
loop.close()
try:
    loop.run_forever()
except RuntimeError as e:
    print("closed:", e)
