# In 3.11 a waiter that was notified but cancelled before it ran consumes the
# notification: the other waiter stays asleep until the next notify.
# Loopscope passes the notification on to b at once, as CPython 3.13 does (a deliberate
# difference: the issue asks that a cancelled waiter loses nobody's wake-up), so its
# expected output is condition_notified_then_cancelled.loopscope.
import asyncio


async def waiter(name, cond):
    async with cond:
        try:
            await cond.wait()
            print(name, "woke")
        except asyncio.CancelledError:
            print(name, "cancelled after notify")
            raise


async def main():
    cond = asyncio.Condition()
    a = asyncio.create_task(waiter("a", cond), name="a")
    b = asyncio.create_task(waiter("b", cond), name="b")
    await asyncio.sleep(0.1)
    async with cond:
        cond.notify(1)
    a.cancel()
    await asyncio.sleep(0.2)
    print("b done?", b.done())
    async with cond:
        cond.notify(1)
    await asyncio.gather(a, b, return_exceptions=True)
    print("a cancelled:", a.cancelled())


asyncio.run(main())
