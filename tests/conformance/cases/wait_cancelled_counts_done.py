# For asyncio.wait a cancelled task is done; FIRST_EXCEPTION does not treat cancellation
# as an exception.
import asyncio


async def job(d):
    await asyncio.sleep(d)
    return d


def names(s):
    return sorted(t.get_name() for t in s)


async def main():
    a = asyncio.create_task(job(1), name="a")
    b = asyncio.create_task(job(2), name="b")
    asyncio.get_running_loop().call_later(0.5, a.cancel)
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    print("FIRST_COMPLETED:", names(done), names(pending), a.cancelled())
    c = asyncio.create_task(job(1), name="c")
    asyncio.get_running_loop().call_later(0.5, c.cancel)
    done, pending = await asyncio.wait([b, c], return_when=asyncio.FIRST_EXCEPTION)
    print("FIRST_EXCEPTION:", names(done), names(pending))


asyncio.run(main())
