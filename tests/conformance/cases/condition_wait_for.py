# Condition.wait_for re-checks its predicate after each wake-up and returns its value.
import asyncio


async def consumer(cond, box):
    async with cond:
        v = await cond.wait_for(lambda: len(box) >= 3)
        print("predicate satisfied:", v, box)


async def main():
    cond = asyncio.Condition()
    box = []
    t = asyncio.create_task(consumer(cond, box), name="consumer")
    for i in range(4):
        await asyncio.sleep(0.2)
        async with cond:
            box.append(i)
            print("added", i)
            cond.notify_all()
    await t
    lock = asyncio.Lock()
    cond2 = asyncio.Condition(lock)
    async with cond2:
        print("shared lock held:", lock.locked())
        print("wait_for true at once:", await cond2.wait_for(lambda: "ready"))


asyncio.run(main())
