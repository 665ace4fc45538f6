# loop.run_forever() until loop.stop(); stop() called before run_forever() or
# run_until_complete() makes them return after one round.
import asyncio


async def ticker():
    while True:
        await asyncio.sleep(0.3)
        print(f"tick at {round(loop.time() - t0, 1)}, running={loop.is_running()}")


loop = asyncio.new_event_loop()
t0 = loop.time()
task = loop.create_task(ticker())
loop.call_later(1.0, loop.stop)
loop.run_forever()
print(f"stopped at {round(loop.time() - t0, 1)}, running={loop.is_running()}")

loop.call_soon(print, "one round")
loop.stop()
loop.run_forever()
print("after one round")

loop.stop()
try:
    loop.run_until_complete(asyncio.sleep(0, "zero"))
except RuntimeError as e:
    print("run_until_complete:", e)
print(loop.run_until_complete(asyncio.sleep(0.1, "then normal")))
task.cancel()
loop.run_until_complete(asyncio.sleep(0))
print("task cancelled:", task.cancelled())
loop.close()
