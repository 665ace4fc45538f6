# create_task and sleep need a running loop; asyncio.run refuses a task or future.
import asyncio


async def job():
    return 1


c = job()
try:
    asyncio.create_task(c)
except RuntimeError as e:
    print("RuntimeError:", e)
c.close()
try:
    asyncio.Event().set()
    print("Event works outside a loop")
except RuntimeError as e:
    print("RuntimeError:", e)
q = asyncio.Queue()
q.put_nowait(1)
print("Queue works outside a loop:", q.get_nowait())
print(asyncio.run(job()))
