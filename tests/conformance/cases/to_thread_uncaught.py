# An exception raised in a to_thread function and not caught ends the program with a
# traceback through the awaiting coroutine and the thread's function.
import asyncio
import time


def convert(text):
    time.sleep(0.2)
    return float(text)


async def main():
    print("converting")
    value = await asyncio.to_thread(convert, "1,5")
    print("not reached", value)


asyncio.run(main())
