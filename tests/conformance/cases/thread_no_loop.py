# A to_thread worker has no running loop of its own; it can reach the main loop only
# through a reference it was given, with the *_threadsafe calls.
import asyncio


def worker(loop, fut):
    try:
        asyncio.get_running_loop()
    except RuntimeError as e:
        print("in thread:", e)
    loop.call_soon_threadsafe(fut.set_result, "hello from the thread")
    return "worker done"


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    r = await asyncio.to_thread(worker, loop, fut)
    print(r)
    print(await fut)


asyncio.run(main())
