# Title: Condition: notify(n) and notify_all
# Lesson: Condition.notify(n) wakes the n longest-waiting tasks and notify_all wakes the rest; each woken task re-acquires the lock before it continues.
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def diner(name, kitchen):
    async with kitchen:
        log(f"{name} waits for food")
        await kitchen.wait()  # releases the lock while waiting
        log(f"{name} is served")


async def chef(kitchen):
    await asyncio.sleep(1)
    async with kitchen:
        log("chef: one plate ready -> notify(1)")
        kitchen.notify(1)
    await asyncio.sleep(1)
    async with kitchen:
        log("chef: two plates ready -> notify(2)")
        kitchen.notify(2)
    await asyncio.sleep(1)
    async with kitchen:
        log("chef: buffet is open -> notify_all()")
        kitchen.notify_all()


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    kitchen = asyncio.Condition()
    diners = [asyncio.create_task(diner(n, kitchen), name=n) for n in ["Ann", "Bob", "Cid", "Dee", "Eve"]]
    await asyncio.gather(*diners, asyncio.create_task(chef(kitchen), name="chef"))


asyncio.run(main())
