it = iter([1, 2, 3])
print(next(it), list(it), list(it))
d = {"a": 1, "b": 2}
try:
    for k in d:
        d["c"] = 3
except RuntimeError as e:
    print(e)
class Squares:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return (i * i for i in range(self.n))
print(list(Squares(4)), sum(Squares(4)), 9 in Squares(4))
z = zip("abc", range(10))
print(next(z), list(z))
e = enumerate("xy")
print(list(e), list(e))
r = reversed([1, 2, 3])
print(next(r), list(r))
m = map(lambda x: x + 1, [1, 2])
print(list(m), list(m))
print(list(iter(iter([1, 2]))))
calls = [3, 2, 1, 0, 5]
print(list(iter(lambda: calls.pop(0), 0)))
def take(n, iterable):
    out = []
    for x in iterable:
        if len(out) == n:
            break
        out.append(x)
    return out
def naturals():
    n = 0
    while True:
        yield n
        n += 1
print(take(5, naturals()), take(2, "abc"))
r = range(10, 0, -3)
print(list(r), r[1], len(r), 4 in r, 7 in r, r)
