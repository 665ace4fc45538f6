# cancel(msg) carries the message into the CancelledError the task sees.
import asyncio


async def sleeper():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError as e:
        print("inside:", repr(e), e.args)
        raise


async def main():
    t = asyncio.create_task(sleeper(), name="s")
    await asyncio.sleep(0.1)
    t.cancel("shutting down")
    try:
        await t
    except asyncio.CancelledError as e:
        print("outside:", repr(e))
    fut = asyncio.get_running_loop().create_future()
    fut.cancel("future msg")
    try:
        fut.result()
    except asyncio.CancelledError as e:
        print("future:", repr(e))


asyncio.run(main())
