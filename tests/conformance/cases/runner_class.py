# asyncio.Runner runs several coroutines on one loop; loop time and state carry over
# between run() calls; the loop is closed when the with block ends.
import asyncio

counter = {"n": 0}


async def step(name, delay):
    await asyncio.sleep(delay)
    counter["n"] += 1
    return f"{name} #{counter['n']}"


with asyncio.Runner() as runner:
    loop = runner.get_loop()
    t0 = loop.time()
    print(runner.run(step("first", 0.5)))
    print(runner.run(step("second", 1)))
    print("same loop elapsed", round(loop.time() - t0, 1))
print("closed:", loop.is_closed())
