# When main returns, asyncio.run cancels the tasks still running and lets their cleanup
# run before it returns.
import asyncio


async def background():
    try:
        await asyncio.sleep(100)
    finally:
        print("background cleanup")


async def main():
    asyncio.create_task(background(), name="bg")
    await asyncio.sleep(0.5)
    print("main returns")
    return "done"


print(asyncio.run(main()))
print("after run")
