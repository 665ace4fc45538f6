def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = counter()
print(c(), c(), c())
total = 0
def add(n):
    global total
    total += n
add(5); add(6)
print(total)
def make_adders():
    return [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in make_adders()])
def late():
    fs = [lambda: i for i in range(3)]
    return [f() for f in fs]
print(late())
def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner()
    return middle()
print(outer())
x = "global"
def shadow():
    x = "local"
    return x
print(shadow(), x)
def unbound():
    print(y)
    y = 1
try:
    unbound()
except UnboundLocalError as e:
    print(type(e).__name__, e)
try:
    print(undefined_name)
except NameError as e:
    print(e)
i = 100
squares = [i * i for i in range(4)]
print(i, squares)
def gen_scope():
    vals = (v for v in range(3))
    return sum(vals)
print(gen_scope())
class K:
    a = 1
    b = [a * 2 for _ in range(2)] if False else a + 1
print(K.a, K.b)
def rec(n):
    return 1 if n <= 1 else n * rec(n - 1)
print(rec(20))
