# Condition.wait and notify require the lock; a Condition over a Lock shares it.
import asyncio


async def main():
    cond = asyncio.Condition()
    try:
        await cond.wait()
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        cond.notify_all()
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        cond.release()
    except RuntimeError as e:
        print("RuntimeError:", e)
    print(await cond.acquire(), cond.locked())
    cond.release()
    print(cond.locked())


asyncio.run(main())
