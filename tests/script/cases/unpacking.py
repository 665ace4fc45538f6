a, b = 1, 2
a, b = b, a
print(a, b)
first, *middle, last = range(6)
print(first, middle, last)
(x, y), z = (1, 2), 3
print(x, y, z)
head, *tail = "hello"
print(head, tail)
*_, end = [1, 2, 3]
print(end)
def pair():
    return "k", "v"
k, v = pair()
print(k, v, [*range(3), *"ab"], (*[1, 2],), {*"aa", "b"} == {"a", "b"}, {**{"x": 1}, "y": 2})
for i, (p, q) in enumerate([(1, 2), (3, 4)]):
    print(i, p, q)
print(*[1, 2], *(3,), sep=",")
def f(*args, **kwargs):
    return args, kwargs
print(f(*range(2), *[9], **{"a": 1}, b=2))
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    a, b, c = [1]
except ValueError as e:
    print(e)
try:
    a, *b, c = [1]
except ValueError as e:
    print(e)
try:
    a, b = 5
except TypeError as e:
    print(e)
m = [[1, 2], [3, 4]]
m[0][1], m[1][0] = m[1][0], m[0][1]
print(m)
d = {}
d["a"], d["b"] = 1, 2
print(d)
