# create_task on a finished TaskGroup raises RuntimeError and closes the coroutine;
# entering a group twice is an error.
import asyncio


async def noop():
    return 1


async def main():
    async with asyncio.TaskGroup() as tg:
        t = tg.create_task(noop(), name="n")
    print("result", t.result())
    coro = noop()
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print("RuntimeError:", e)
    coro.close()  # 3.11 leaves the refused coroutine to the caller
    try:
        async with tg:
            pass
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
