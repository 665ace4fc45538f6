# wait(timeout=...) returns what is done when time runs out and cancels nothing;
# timeout=0 only collects what is already done.
import asyncio


async def job(v, delay):
    await asyncio.sleep(delay)
    return v


def names(s):
    return sorted(t.get_name() for t in s)


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    ts = [asyncio.create_task(job(i, d), name=f"j{i}") for i, d in enumerate([0.5, 1.5, 2.5])]
    done, pending = await asyncio.wait(ts, timeout=1)
    print(round(loop.time() - t0, 1), names(done), names(pending))
    print("cancelled?", [t.cancelled() for t in ts])
    done, pending = await asyncio.wait(ts, timeout=0)
    print(round(loop.time() - t0, 1), names(done), names(pending))
    done, pending = await asyncio.wait(ts, timeout=5)
    print(round(loop.time() - t0, 1), names(done), names(pending))
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    print("all already done:", round(loop.time() - t0, 1), names(done), names(pending))


asyncio.run(main())
