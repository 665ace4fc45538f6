# Nested timeouts: the one that expires raises TimeoutError at its own boundary; the
# other sees either a normal exit or the TimeoutError passing through.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    try:
        async with asyncio.timeout(3) as outer:
            try:
                async with asyncio.timeout(1) as inner:
                    await asyncio.sleep(2)
            except TimeoutError:
                print("inner expired at", round(loop.time() - t0, 1))
            await asyncio.sleep(0.5)
            print("outer block continues at", round(loop.time() - t0, 1))
    except TimeoutError:
        print("wrong")
    print("inner", inner.expired(), "outer", outer.expired())
    t0 = loop.time()
    try:
        async with asyncio.timeout(1) as outer:
            try:
                async with asyncio.timeout(3) as inner:
                    await asyncio.sleep(2)
            except TimeoutError:
                print("wrong: inner did not expire")
            except asyncio.CancelledError:
                print("inner block sees CancelledError at", round(loop.time() - t0, 1))
                raise
    except TimeoutError:
        print("outer expired at", round(loop.time() - t0, 1))
    print("inner", inner.expired(), "outer", outer.expired())


asyncio.run(main())
