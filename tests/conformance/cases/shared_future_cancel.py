# Cancelling a task cancels the future it awaits; another task awaiting the same future
# is then cancelled too. A shielded wait keeps the shared future alive.
import asyncio


async def wait_on(name, fut):
    try:
        print(name, "got", await fut)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    a = asyncio.create_task(wait_on("a", fut), name="a")
    b = asyncio.create_task(wait_on("b", fut), name="b")
    await asyncio.sleep(0.1)
    a.cancel()
    await asyncio.gather(a, b, return_exceptions=True)
    print("future cancelled:", fut.cancelled(), "b cancelled:", b.cancelled())

    fut2 = loop.create_future()
    c = asyncio.create_task(wait_on("c", asyncio.shield(fut2)), name="c")
    d = asyncio.create_task(wait_on("d", fut2), name="d")
    await asyncio.sleep(0.1)
    c.cancel()
    await asyncio.sleep(0.1)
    fut2.set_result("value")
    await asyncio.gather(c, d, return_exceptions=True)
    print("fut2 cancelled:", fut2.cancelled())


asyncio.run(main())
