def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"
print(list(count_up(4)), sum(count_up(5)), [x * 2 for x in count_up(3)])
g = count_up(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
print(next(g, "default"))
def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    return received
e = echo()
print(next(e), e.send("a"), e.send("b"))
try:
    e.send(None)
except StopIteration as s:
    print("returned", s.value)
def delegator():
    r = yield from count_up(3)
    print("sub returned", r)
    yield from [10, 20]
    return "outer"
print(list(delegator()))
def thrower():
    try:
        yield 1
    except ValueError as v:
        print("caught inside", v)
        yield 2
    yield 3
t = thrower()
print(next(t), t.throw(ValueError("boom")), next(t))
gen_exp = (x * x for x in range(5) if x % 2 == 0)
print(gen_exp.__class__.__name__, list(gen_exp), list(gen_exp))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
out = []
for v in fib():
    if v > 50:
        break
    out.append(v)
print(out)
def closer():
    try:
        yield 1
        yield 2
    finally:
        print("closed at finally")
c = closer()
print(next(c))
c.close()
print(list(c))
def nested():
    for i in range(2):
        yield from (j + i * 10 for j in range(2))
print(list(nested()), list(zip(count_up(3), "abc")), dict(enumerate(count_up(2))))
def bad():
    yield 1
    raise StopIteration
try:
    list(bad())
except RuntimeError as err:
    print("RuntimeError:", err)
