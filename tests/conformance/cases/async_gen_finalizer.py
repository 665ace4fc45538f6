# An async generator left suspended (break out of async for, or simply dropped) is
# closed by asyncio's finalizer hook: a task of its own runs aclose() on the loop's
# next iterations, so its finally block prints after the code that dropped it.
import asyncio


async def numbers(tag):
    try:
        for i in range(10):
            yield i
            await asyncio.sleep(0.1)
    finally:
        print(tag, "cleanup at", round(asyncio.get_running_loop().time() - t0, 1))


async def main():
    global t0
    t0 = asyncio.get_running_loop().time()
    async for n in numbers("break"):
        if n == 2:
            break
    print("after break")
    await asyncio.sleep(0)
    print("after one iteration")
    await asyncio.sleep(0)
    print("after two iterations")
    g = numbers("dropped")
    print(await g.__anext__())
    g = None
    print("dropped")
    await asyncio.sleep(0.05)
    print("tasks left:", len(asyncio.all_tasks()))


asyncio.run(main())
print("after run")
