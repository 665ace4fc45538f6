# The program ends with an uncaught exception while failed tasks nobody asked about and a
# pending task are still around.
import asyncio


async def heartbeat():
    while True:
        await asyncio.sleep(0.4)


async def worker(n):
    await asyncio.sleep(0.1 * n)
    raise ValueError(f"worker {n} failed")


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
loop.create_task(heartbeat())
tasks = [loop.create_task(worker(n)) for n in (1, 2, 3)]
loop.run_until_complete(asyncio.wait(tasks))
print("first result:", tasks[0].result())
