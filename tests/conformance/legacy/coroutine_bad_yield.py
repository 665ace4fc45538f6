# CPython: 3.10
# A generator-based coroutine that yields a value the loop cannot wait on gets
# RuntimeError("Task got bad yield: ...") thrown back at the yield.
import asyncio


@asyncio.coroutine
def bad():
    try:
        yield 42
    except RuntimeError as e:
        print("caught:", e)
    try:
        yield from [1, 2]
    except RuntimeError as e:
        print("caught:", e)
    return "survived"


print(asyncio.get_event_loop().run_until_complete(bad()))
