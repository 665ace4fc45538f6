# an awaiting list comprehension outside an async def
print("never printed")


def f(items):
    return [await x for x in items]
