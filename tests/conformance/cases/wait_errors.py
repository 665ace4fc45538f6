# wait() rejects an empty collection, a bad return_when and a bare future set twice.
import asyncio


async def main():
    try:
        await asyncio.wait([])
    except ValueError as e:
        print("ValueError:", e)
    t = asyncio.create_task(asyncio.sleep(0.1), name="t")
    try:
        await asyncio.wait([t], return_when="SOMETIMES")
    except ValueError as e:
        print("ValueError:", e)
    print(asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION, asyncio.ALL_COMPLETED)
    done, pending = await asyncio.wait([t, t])
    print(len(done), len(pending))


asyncio.run(main())
