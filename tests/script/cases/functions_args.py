def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)
print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, e=9))
print(f(*[1, 2, 3], **{"c": 0, "z": 1}))
def g(x, /, y, *, z):
    return x + y + z
print(g(1, y=2, z=3), g(1, 2, z=3))
def defaults(a, items=[]):
    items.append(a)
    return items
print(defaults(1), defaults(2))
def varargs(*a, **k):
    return a, k
print(varargs(), varargs(1, x=2))
print((lambda x, y=1: x * y)(5), (lambda *a: sum(a))(1, 2, 3))
def doc():
    "docstring"
    return doc.__name__
print(doc())
for call in [lambda: f(), lambda: f(1), lambda: g(1, 2, 3), lambda: f(1, c=1, a=2), lambda: g(x=1, y=2, z=3),
             lambda: defaults(1, 2, 3), lambda: f(1, c=2, **{"c": 3})]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
def kwonly(*, a, b):
    return a
try:
    kwonly()
except TypeError as e:
    print(e)
def two(a, b):
    pass
try:
    two(1, 2, 3)
except TypeError as e:
    print(e)
try:
    two()
except TypeError as e:
    print(e)
def three(a, b, c):
    pass
try:
    three(1)
except TypeError as e:
    print(e)
