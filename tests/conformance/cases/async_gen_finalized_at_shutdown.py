# An async generator left unfinished after break is closed by asyncio.run when the
# program ends (shutdown_asyncgens), so its finally block still runs.
import asyncio


async def ticks():
    try:
        n = 0
        while True:
            await asyncio.sleep(0.1)
            n += 1
            yield n
    finally:
        print("ticks: finally")


gens = []


async def main():
    g = ticks()
    gens.append(g)  # keep it alive until asyncio.run shuts down
    async for n in g:
        print("tick", n)
        if n == 2:
            break
    print("main returns")


asyncio.run(main())
print("after run")
