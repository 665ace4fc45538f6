# sleep(0) yields exactly one turn (round robin between tasks); sleep(d, result) returns
# result; negative delays act like 0.
import asyncio


async def spinner(name, n, log):
    for i in range(n):
        log.append(f"{name}{i}")
        await asyncio.sleep(0)


async def main():
    log = []
    await asyncio.gather(spinner("a", 3, log), spinner("b", 2, log), spinner("c", 3, log))
    print(log)
    print(await asyncio.sleep(0.1, result="r"))
    print(await asyncio.sleep(-5, result="negative"))
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    for _ in range(4):
        await asyncio.sleep(0.25)
    print("4 x 0.25 =", round(loop.time() - t0, 1))


asyncio.run(main())
