# asyncio's types name the modules CPython 3.11 defines them in.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    print(asyncio.Task, asyncio.Future, asyncio.TaskGroup, asyncio.Timeout, asyncio.Runner)
    print(asyncio.Lock, asyncio.Queue, asyncio.CancelledError, asyncio.TimeoutError)
    print(type(loop).__module__, asyncio.Task.__module__, asyncio.TaskGroup.__module__)


asyncio.run(main())
