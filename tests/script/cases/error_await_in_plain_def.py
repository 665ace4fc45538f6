# await in a plain def nested in an async def is refused before anything runs
print("never printed")


async def outer():
    def inner():
        return await outer()
    return inner
