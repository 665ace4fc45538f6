# Event.wait returns True; waiters wake in the order they waited; set before wait returns
# at once; clear() makes new waiters block; a cancelled waiter does not disturb others.
import asyncio


async def waiter(name, ev):
    try:
        r = await ev.wait()
        print(name, "woke with", r)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    ev = asyncio.Event()
    ts = [asyncio.create_task(waiter(n, ev), name=n) for n in ["w1", "w2", "w3"]]
    await asyncio.sleep(0.5)
    ts[1].cancel()
    await asyncio.sleep(0.5)
    ev.set()
    print("set at", round(loop.time() - t0, 1), "is_set", ev.is_set())
    await asyncio.gather(*ts, return_exceptions=True)
    print("already set ->", await ev.wait())
    ev.set()
    ev.clear()
    late = asyncio.create_task(waiter("late", ev), name="late")
    await asyncio.sleep(0.5)
    print("late waiting:", not late.done())
    ev.set()
    ev.clear()  # set then clear before the waiter runs: it still wakes
    await late


asyncio.run(main())
