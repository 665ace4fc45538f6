# CPython: 3.10
# Expect: deadlock
# loop.run_forever() after the only task has finished and nothing will call loop.stop():
# CPython waits forever; Loopscope reports a deadlock.
import asyncio


async def once():
    await asyncio.sleep(0.5)
    print("task finished; nobody stops the loop")


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
loop.create_task(once())
loop.run_forever()
print("never printed")
