# asyncio.run refuses a non-coroutine and cannot be nested; get_running_loop() needs a
# running loop; asyncio.run returns the coroutine's value and can be called again.
import asyncio


async def inner():
    return "inner"


async def main():
    c = inner()
    try:
        asyncio.run(c)
    except RuntimeError as e:
        print("RuntimeError:", e)
    c.close()
    return "first"


try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    asyncio.run(42)
except ValueError as e:
    print("ValueError:", e)
print(asyncio.run(main()))
print(asyncio.run(inner()))
