# async with calls __aenter__/__aexit__ (both awaited); __aexit__ sees the exception and
# may suppress it by returning True.
import asyncio


class Resource:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        await asyncio.sleep(0.1)
        print("enter", self.name)
        return self.name.upper()

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.1)
        print("exit", self.name, exc_type.__name__ if exc_type else None, repr(exc))
        return self.suppress


async def main():
    async with Resource("plain") as r:
        print("inside", r)
    async with Resource("quiet", suppress=True):
        raise ValueError("swallowed")
    print("continued after suppression")
    try:
        async with Resource("loud"):
            raise ValueError("escapes")
    except ValueError as e:
        print("caught", repr(e))
    async with Resource("outer") as a, Resource("inner") as b:
        print("both", a, b)


asyncio.run(main())
