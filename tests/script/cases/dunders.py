class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __len__(self):
        return len(self.xs)
    def __getitem__(self, i):
        return self.xs[i]
    def __setitem__(self, i, v):
        self.xs[i] = v
    def __delitem__(self, i):
        del self.xs[i]
    def __contains__(self, v):
        return v in self.xs
    def __iter__(self):
        return iter(self.xs)
    def __bool__(self):
        return bool(self.xs)
    def __call__(self, k):
        return [x * k for x in self.xs]
    def __repr__(self):
        return "Vec" + repr(tuple(self.xs))
    def __mul__(self, k):
        return Vec(*[x * k for x in self.xs])
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return Vec(*[-x for x in self.xs])
    def __eq__(self, o):
        return isinstance(o, Vec) and self.xs == o.xs
    def __iadd__(self, o):
        self.xs += o.xs
        return self
v = Vec(1, 2, 3)
print(len(v), v[0], v[-1], 2 in v, 5 in v, list(v), v(2), v * 2, 3 * v, -v, bool(Vec()), v == Vec(1, 2, 3))
v[0] = 10
del v[1]
print(v, [x for x in v], sum(v), sorted(v, reverse=True))
v += Vec(7)
print(v)
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(3)), max(Countdown(4)))
class Ctx:
    def __enter__(self):
        print("enter")
        return "resource"
    def __exit__(self, et, ev, tb):
        print("exit", et.__name__ if et else None, ev)
        return et is KeyError
with Ctx() as r:
    print("using", r)
with Ctx():
    raise KeyError("swallowed")
try:
    with Ctx():
        raise ValueError("propagates")
except ValueError as e:
    print("outside", e)
class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print(list(Seq()), 20 in Seq())
class Cmp:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < o.v
    def __repr__(self):
        return f"C{self.v}"
print(sorted([Cmp(3), Cmp(1), Cmp(2)]), min(Cmp(5), Cmp(4)), Cmp(1) > Cmp(0))
class Fmt:
    def __format__(self, spec):
        return "fmt:" + spec
print(f"{Fmt():abc}", format(Fmt(), "x"))
