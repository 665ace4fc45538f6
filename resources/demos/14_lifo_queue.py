# Title: LifoQueue
# Lesson: A LifoQueue is a stack: the item put last comes out first.
import asyncio

T0 = 0.0


def log(msg):
    now = asyncio.get_running_loop().time() - T0
    print(f"[{now:4.1f}s] {msg}")


async def main():
    global T0
    T0 = asyncio.get_running_loop().time()
    stack = asyncio.LifoQueue()
    for page in ["home", "products", "cart", "checkout"]:
        await stack.put(page)
        log(f"visit {page}")
        await asyncio.sleep(0.5)
    while not stack.empty():
        page = await stack.get()
        log(f"back to {page}")
        await asyncio.sleep(0.5)
    try:
        stack.get_nowait()
    except asyncio.QueueEmpty:
        log("stack is empty: get_nowait() raised QueueEmpty")


asyncio.run(main())
