class Point:
    """A point."""
    count = 0
    def __init__(self, x, y):
        self.x = x
        self.y = y
        Point.count += 1
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __str__(self):
        return f"({self.x}, {self.y})"
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)
    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)
    def dist2(self):
        return self.x ** 2 + self.y ** 2
p, q = Point(1, 2), Point(3, 4)
print(p, repr(p), [p], p + q, p == Point(1, 2), p != q, p < q, sorted([q, p]), p.dist2(), Point.count)
print(len({p, Point(1, 2), q}), str(p), f"{p}", f"{p!r}")
print(type(p).__name__, type(p) is Point, isinstance(p, Point), isinstance(p, object), Point.__name__)
p.z = 9
print(p.z, hasattr(p, "z"), getattr(p, "w", "none"), p.__dict__)
setattr(p, "w", 1); delattr(p, "z")
print(p.__dict__)
try:
    p.missing
except AttributeError as e:
    print(e)
class Empty:
    pass
e = Empty()
print(type(e).__name__, isinstance(e, Empty), bool(e))
class WithClassAttr:
    items = []
    def add(self, v):
        self.items.append(v)
a, b = WithClassAttr(), WithClassAttr()
a.add(1); b.add(2)
print(WithClassAttr.items)
m = p.dist2
print(m(), Point.dist2(q))
