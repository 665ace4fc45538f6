# all_tasks(loop) and current_task(loop) answer for the loop given, running or not.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    print(len(asyncio.all_tasks(loop)), asyncio.current_task(loop) is asyncio.current_task())
    print(len(asyncio.all_tasks(loop=None)))


asyncio.run(main())
loop = asyncio.new_event_loop()
task = loop.create_task(asyncio.sleep(1), name="idle")
print(sorted(t.get_name() for t in asyncio.all_tasks(loop)))
print(asyncio.current_task(loop))
try:
    asyncio.all_tasks()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    asyncio.all_tasks(loop, loop)
except TypeError as e:
    print("TypeError:", e)
task.cancel()
try:
    loop.run_until_complete(task)
except asyncio.CancelledError:
    print("cancelled")
print(len(asyncio.all_tasks(loop)))
loop.close()
print(asyncio.all_tasks(5), asyncio.current_task(5))
