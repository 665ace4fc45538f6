# call_later(0) makes a timer: it runs after the call_soon callbacks scheduled in the
# same step, even those scheduled after it; a handle cancelled after it ran is harmless.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    log = []
    h = loop.call_later(0, log.append, "later 0")
    loop.call_soon(log.append, "soon")
    loop.call_at(loop.time(), log.append, "at now")
    loop.call_soon(log.append, "soon 2")
    await asyncio.sleep(0.1)
    print(log)
    h.cancel()
    print("cancelled after running:", h.cancelled())


asyncio.run(main())
