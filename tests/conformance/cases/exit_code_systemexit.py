# SystemExit raised inside the main coroutine ends the program with that status and no
# traceback; finally blocks run on the way out.
import asyncio


async def main():
    try:
        await asyncio.sleep(0.2)
        print("exiting with 3")
        raise SystemExit(3)
    finally:
        print("finally ran")


asyncio.run(main())
print("not reached")
