# PriorityQueue hands out the smallest item; tuples compare element by element, so equal
# priorities fall back to the next field.
import asyncio


async def main():
    pq = asyncio.PriorityQueue()
    for item in [(2, "b"), (1, "z"), (2, "a"), (0, "urgent"), (1, "y"), (3, "")]:
        await pq.put(item)
    order = []
    while not pq.empty():
        order.append(pq.get_nowait())
    print(order)
    nums = asyncio.PriorityQueue(maxsize=3)
    for n in [5, 1, 4]:
        nums.put_nowait(n)
    print("full", nums.full())
    print([await nums.get() for _ in range(3)])

    async def late_put():
        await asyncio.sleep(0.3)
        await pq.put((5, "late"))

    t = asyncio.create_task(late_put(), name="late")
    print("waited for", await pq.get())
    await t


asyncio.run(main())
