# Cleanup after cancellation may await other work; a second cancel during cleanup
# interrupts the cleanup at its own await.
import asyncio


async def worker(name, cleanup_time):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(name, "cleanup started")
        try:
            await asyncio.sleep(cleanup_time)
            print(name, "cleanup finished")
        except asyncio.CancelledError:
            print(name, "cleanup interrupted")
        raise


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    a = asyncio.create_task(worker("a", 0.5), name="a")
    b = asyncio.create_task(worker("b", 2), name="b")
    await asyncio.sleep(0.1)
    a.cancel()
    b.cancel()
    await asyncio.sleep(1)
    print("a done", a.done(), "b done", b.done())
    b.cancel()
    res = await asyncio.gather(a, b, return_exceptions=True)
    print([type(r).__name__ for r in res], round(loop.time() - t0, 1))


asyncio.run(main())
