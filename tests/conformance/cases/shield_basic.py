# shield: cancelling the waiter does not cancel the shielded work; shield of a finished
# task returns its result at once.
import asyncio


async def work():
    await asyncio.sleep(1)
    print("work finished")
    return "result"


async def waiter(t):
    try:
        return await asyncio.shield(t)
    except asyncio.CancelledError:
        print("waiter cancelled; work cancelled?", t.cancelled())
        raise


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    t = asyncio.create_task(work(), name="work")
    w = asyncio.create_task(waiter(t), name="waiter")
    await asyncio.sleep(0.5)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print("waiter done at", round(loop.time() - t0, 1))
    print("work ->", await t, "at", round(loop.time() - t0, 1))
    print("shield of done task ->", await asyncio.shield(t))
    print("shield of coroutine ->", await asyncio.shield(work()))


asyncio.run(main())
