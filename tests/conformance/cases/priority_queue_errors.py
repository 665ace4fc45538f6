# PriorityQueue compares items with <: items that cannot be compared raise TypeError
# from put; a tuple with a unique counter avoids comparing payloads.
import asyncio


async def main():
    pq = asyncio.PriorityQueue()
    pq.put_nowait((1, {"job": "a"}))
    try:
        pq.put_nowait((1, {"job": "b"}))
    except TypeError as e:
        print("TypeError:", e)
    print("size", pq.qsize())
    safe = asyncio.PriorityQueue()
    for n, (prio, payload) in enumerate([(2, {"x": 1}), (1, {"y": 2}), (2, {"z": 3})]):
        safe.put_nowait((prio, n, payload))
    while not safe.empty():
        print(safe.get_nowait())


asyncio.run(main())
