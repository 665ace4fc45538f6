# The caller of a shield is cancelled; the shielded task later fails. Its exception stays
# in the task and can be read there; nothing is printed on stderr.
import asyncio


async def risky():
    await asyncio.sleep(0.5)
    raise RuntimeError("failed after the caller left")


async def caller(t):
    await asyncio.shield(t)


async def main():
    t = asyncio.create_task(risky(), name="risky")
    c = asyncio.create_task(caller(t), name="caller")
    await asyncio.sleep(0.1)
    c.cancel()
    await asyncio.gather(c, return_exceptions=True)
    print("caller cancelled:", c.cancelled())
    await asyncio.sleep(1)
    print("risky:", repr(t.exception()))


asyncio.run(main())
