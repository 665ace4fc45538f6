# When a task finishes, its done callbacks run in the order they were added: a task that
# awaits it directly resumes one loop turn before a task awaiting it through gather(),
# even if the gather was set up first.
import asyncio


async def leaf():
    await asyncio.sleep(0.1)
    return "leaf"


async def main():
    log = []
    t = asyncio.create_task(leaf(), name="leaf")

    async def via_gather():
        await asyncio.gather(t)
        log.append("via gather")

    async def direct():
        await t
        log.append("direct")

    g = asyncio.create_task(via_gather(), name="via-gather")
    await asyncio.sleep(0)
    d = asyncio.create_task(direct(), name="direct")
    await asyncio.gather(g, d)
    print(log)


asyncio.run(main())
