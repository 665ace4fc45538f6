# Expect: deadlock
# Every task waits on an Event that nobody will set: CPython waits forever; Loopscope
# reports the deadlock (exit 1).
import asyncio


async def waiter(name, ev):
    print(name, "waits")
    await ev.wait()
    print("never printed")


async def main():
    ev = asyncio.Event()
    await asyncio.sleep(0.5)
    await asyncio.gather(waiter("a", ev), waiter("b", ev))


asyncio.run(main())
