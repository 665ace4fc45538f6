# loop.stop() ends run_forever() when the current iteration's callbacks are done:
# a callback scheduled during that iteration runs only in the next run, and a task
# that stops the loop finishes its step first.
import asyncio

loop = asyncio.new_event_loop()


def a():
    print("a")
    loop.call_soon(c)


def b():
    print("b")


def c():
    print("c (scheduled while stopping: runs in the next run)")


loop.call_soon(a)
loop.call_soon(loop.stop)
loop.call_soon(b)
loop.run_forever()
print("run_forever returned")
loop.call_soon(loop.stop)
loop.run_forever()
print("second run_forever returned")


async def stopper():
    print("task: step 1, stopping the loop")
    loop.stop()
    print("task: rest of step 1 still runs")
    await asyncio.sleep(0)
    print("task: step 2")


loop.create_task(stopper())
loop.run_forever()
print("third run_forever returned")
try:
    loop.run_until_complete(asyncio.sleep(0.1))
except RuntimeError as e:
    print("RuntimeError:", e)
loop.call_soon(loop.stop)
loop.run_forever()
loop.close()
