# A program that handles every error exits 0 even when tasks failed on the way.
import asyncio


async def fail():
    await asyncio.sleep(0.1)
    raise ValueError("handled")


async def main():
    results = await asyncio.gather(fail(), fail(), return_exceptions=True)
    print([repr(r) for r in results])
    t = asyncio.create_task(fail(), name="f")
    await asyncio.sleep(0.2)
    print("retrieved:", repr(t.exception()))
    return "main result"


print(asyncio.run(main()))
