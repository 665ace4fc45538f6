# CPython: 3.10
# The classic slip in generator-based coroutines: "yield fut" where "yield from fut" was
# meant. The task throws RuntimeError back at the yield; "yield from" then works.
import asyncio


@asyncio.coroutine
def slip():
    fut = loop.create_future()
    loop.call_later(0.2, fut.set_result, "ready")
    try:
        yield fut
    except RuntimeError as e:
        message = str(e)
        print("caught:", message[:message.index(" in task")])
        print("names the future:", message.endswith("with <Future pending>"))
    result = yield from fut
    print("yield from:", result, round(loop.time() - t0, 1))
    try:
        yield asyncio.sleep(0.1)
    except RuntimeError as e:
        print("caught:", str(e).split(":")[0])
    return "recovered"


loop = asyncio.get_event_loop()
t0 = loop.time()
print(loop.run_until_complete(slip()))
