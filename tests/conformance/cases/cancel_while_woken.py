# Cancelling a task whose awaited future already has a result (it is woken but has not
# run yet) still cancels it: the result is lost and CancelledError is raised instead.
import asyncio


async def waiter(fut):
    try:
        v = await fut
        print("got", v)
    except asyncio.CancelledError:
        print("cancelled although the future had a result:", fut.result())
        raise


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = asyncio.create_task(waiter(fut), name="waiter")
    await asyncio.sleep(0)  # the waiter now waits on fut
    fut.set_result("value")
    print("cancel() returns", t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("waiter cancelled:", t.cancelled())


asyncio.run(main())
