# Title: Lock fairness
# Lesson: asyncio.Lock hands itself to waiters in the order they asked, so a task that releases and asks again goes to the back of the line.
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def writer(name, lock, rounds):
    for r in range(1, rounds + 1):
        # No await between release and the next acquire: the lock still
        # goes to the task that has waited longest.
        async with lock:
            log(f"{name} holds the lock (round {r})")
            await asyncio.sleep(0.5)
    log(f"{name} finished")


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    lock = asyncio.Lock()
    await asyncio.gather(
        asyncio.create_task(writer("A", lock, 3), name="A"),
        asyncio.create_task(writer("B", lock, 3), name="B"),
        asyncio.create_task(writer("C", lock, 2), name="C"),
    )
    log(f"lock is free again: locked() = {lock.locked()}")


asyncio.run(main())
