# Title: Deadlock with two locks
# Lesson: Two tasks that take the same two locks in opposite order can each hold one and wait forever for the other; always take locks in one agreed order.
# Expect: deadlock
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def transfer(name, first, second, first_name, second_name, pause):
    async with first:
        log(f"{name}: holds {first_name}")
        await asyncio.sleep(pause)  # meanwhile the other task takes the other lock
        log(f"{name}: waits for {second_name}")
        async with second:  # never succeeds: the other task holds it
            log(f"{name}: holds both")


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    account_a = asyncio.Lock()
    account_b = asyncio.Lock()
    await asyncio.gather(
        asyncio.create_task(transfer("alice", account_a, account_b, "A", "B", 1), name="alice"),
        asyncio.create_task(transfer("bob", account_b, account_a, "B", "A", 1.5), name="bob"),
    )
    log("never printed: both tasks wait forever")


asyncio.run(main())
