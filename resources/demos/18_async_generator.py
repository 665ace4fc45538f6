# Title: An async generator
# Lesson: An async generator can await between the values it yields, async for pulls them one at a time, and aclose() runs its finally block when you stop early.
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def sensor(name, interval):
    reading = 20
    try:
        while True:
            await asyncio.sleep(interval)  # waits for the next sample
            reading += 1
            yield reading
    finally:
        log(f"{name}: sensor switched off")


async def countdown(n):
    while n > 0:
        await asyncio.sleep(0.5)
        yield n
        n -= 1


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    async for n in countdown(3):
        log(f"countdown {n}")

    readings = sensor("kitchen", 1)
    async for value in readings:
        log(f"kitchen: {value} C")
        if value >= 23:
            break
    await readings.aclose()  # break alone does not close the generator

    squares = [n * n async for n in countdown(4)]
    log(f"async comprehension: {squares}")


asyncio.run(main())
