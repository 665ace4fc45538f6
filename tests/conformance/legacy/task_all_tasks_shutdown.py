# CPython: 3.8
# Python 3.8's asyncio.Task.all_tasks() / current_task(), in the classic shutdown:
# cancel every task left, then let them finish.
import asyncio


async def background(name, period):
    try:
        while True:
            await asyncio.sleep(period)
            print(f"{name} tick at {round(loop.time() - t0, 1)}")
    except asyncio.CancelledError:
        cancelled.append(f"{name} at {round(loop.time() - t0, 1)}")
        raise


async def main():
    me = asyncio.Task.current_task()
    print("current task is main:", me is main_task)
    asyncio.ensure_future(background("fast", 0.3))
    asyncio.ensure_future(background("slow", 0.7))
    await asyncio.sleep(1.0)
    print("main finishing; pending:", sum(not t.done() for t in asyncio.Task.all_tasks()))


cancelled = []
loop = asyncio.get_event_loop()
t0 = loop.time()
print("current task outside:", asyncio.Task.current_task())
main_task = loop.create_task(main())
loop.run_until_complete(main_task)
left = [t for t in asyncio.Task.all_tasks() if not t.done()]
print("left over:", len(left))
for task in left:
    task.cancel()
results = loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
print("results:", [type(r).__name__ for r in results])
print("cancelled:", sorted(cancelled))
print("still pending:", [t for t in asyncio.Task.all_tasks() if not t.done()])
loop.close()
