# Pre-asyncio.run style from older tutorials: create a loop, run_until_complete, close.
import asyncio


async def greet(name, delay):
    await asyncio.sleep(delay)
    print("hello", name)
    return name


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
t0 = loop.time()
print(loop.run_until_complete(greet("first", 0.5)))
tasks = [loop.create_task(greet(n, d)) for n, d in [("b", 0.3), ("a", 0.1)]]
print(loop.run_until_complete(asyncio.gather(*tasks)))
print("elapsed", round(loop.time() - t0, 1), "running", loop.is_running())
loop.close()
print("closed", loop.is_closed())
c = asyncio.sleep(0)
try:
    loop.run_until_complete(c)
except RuntimeError as e:
    print("RuntimeError:", e)
c.close()
