# CPython: 3.10
# loop.run_forever() with loop.call_later(..., loop.stop), the classic way to run
# background work for a while.
import asyncio


async def ticker(name, period):
    while True:
        await asyncio.sleep(period)
        print(f"{name} at {round(loop.time() - t0, 1)}, running={loop.is_running()}")


def hello(what):
    print(f"callback {what} at {round(loop.time() - t0, 1)}")


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
t0 = loop.time()
task = loop.create_task(ticker("tick", 0.4))
loop.call_soon(hello, "soon")
loop.call_later(0.5, hello, "later")
loop.call_later(1.3, loop.stop)
print("before: running =", loop.is_running())
loop.run_forever()
print(f"stopped at {round(loop.time() - t0, 1)}, running = {loop.is_running()}, task done = {task.done()}")
# The loop can run again: the task goes on where it was.
loop.call_later(0.9, loop.stop)
loop.run_forever()
print(f"stopped again at {round(loop.time() - t0, 1)}")
task.cancel()
try:
    loop.run_until_complete(task)
except asyncio.CancelledError:
    print("task cancelled:", task.cancelled())
loop.close()
