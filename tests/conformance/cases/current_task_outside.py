# current_task() and all_tasks() need a running loop; inside a callback there is no
# current task.
import asyncio

try:
    asyncio.current_task()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    asyncio.all_tasks()
except RuntimeError as e:
    print("RuntimeError:", e)


async def main():
    loop = asyncio.get_running_loop()
    seen = []
    loop.call_soon(lambda: seen.append(asyncio.current_task()))
    await asyncio.sleep(0)
    print("current task in a callback:", seen)
    print("in main:", asyncio.current_task().get_name())
    print("same loop:", asyncio.get_running_loop() is loop, asyncio.get_event_loop() is loop)


asyncio.run(main())
