class Ready:
    """An awaitable that suspends once, handing a value to whoever drives the coroutine."""
    def __init__(self, value):
        self.value = value
    def __await__(self):
        reply = yield ("waiting", self.value)
        return reply
async def inner(x):
    r = await Ready(x)
    return r * 2
async def outer():
    total = 0
    for i in range(3):
        total += await inner(i)
    try:
        await Ready("boom")
    except ValueError as e:
        print("caught thrown", e)
    return total
def drive(coro):
    sent = None
    step = 0
    while True:
        try:
            if step == 4:
                request = coro.throw(ValueError("thrown in"))
            else:
                request = coro.send(sent)
        except StopIteration as stop:
            return stop.value
        print("request", request)
        sent = step * 10
        step += 1
print("result", drive(outer()))
c = outer()
print(type(c).__name__, c.__name__)
c.close()
async def simple():
    return 42
try:
    simple().send(None)
except StopIteration as s:
    print("simple returned", s.value)
async def agen(n):
    for i in range(n):
        yield i * i
        await Ready(i)
async def consume():
    out = []
    async for v in agen(3):
        out.append(v)
    return out
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as s:
        return s.value
print("async for", run(consume()))
class Lock:
    async def __aenter__(self):
        print("acquire")
        return self
    async def __aexit__(self, et, ev, tb):
        print("release", et.__name__ if et else None)
        return False
async def use_lock():
    async with Lock() as l:
        print("inside", type(l).__name__)
    try:
        async with Lock():
            raise KeyError("k")
    except KeyError:
        print("propagated")
    return "ok"
print(run(use_lock()))
class Ticker:
    def __init__(self, n):
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n
async def tick():
    return [v async for v in Ticker(3)]
print(run(tick()))
async def early_exit():
    async for v in agen(5):
        if v > 1:
            break
    return v
print(run(early_exit()))
