async def agen():
    try:
        yield 1
        yield 2
    finally:
        print("agen finally")
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as s:
        return s.value
async def main():
    g = agen()
    print(await g.__anext__())
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted")
    g2 = agen()
    print(await anext(g2))
    try:
        await g2.athrow(ValueError("x"))
    except ValueError as e:
        print("athrow propagated", e)
    async def gen3():
        for i in range(3):
            yield i
    print([x async for x in gen3()])
    return "done"
print(run(main()))
async def bad():
    await 5
try:
    run(bad())
except TypeError as e:
    print(e)
async def co():
    return 1
c = co()
run(c)
try:
    run(c)
except RuntimeError as e:
    print(e)
