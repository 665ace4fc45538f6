# Set operations build their results as CPython does (which side is copied or
# iterated, discards leaving reusable slots), so they print in CPython's order.
import random

print(set([0, 11, 32, 33]) ^ set([24]), set([0, 1, 16, 37, 15]).difference([15]), set([0, 1, 10, 2]).union([21]))
s = {1, 9}
s.discard(1)
s.add(17)
print(s)
random.seed(5)
for trial in range(15):
    a = set(random.sample(range(-40, 200), random.randint(0, 30)))
    b = set(random.sample(range(-40, 200), random.randint(0, 30)))
    lst = random.sample(range(-40, 200), random.randint(0, 12))
    fa = frozenset(a)
    c = set(a); c |= b
    d = set(a); d &= b
    e = set(a); e -= b
    f = set(a); f ^= b
    g = set(a); g.update(lst, b)
    h = set(a); h.intersection_update(lst)
    i = set(a); i.difference_update(lst, b)
    j = set(a); j.symmetric_difference_update(lst)
    print([a | b, a & b, a - b, a ^ b, fa | b, fa - b, a.union(lst), a.intersection(lst), a.difference(lst),
           a.symmetric_difference(lst), a.union(b, lst), a.intersection(b, lst), a.difference(b, lst),
           c, d, e, f, g, h, i, j, b - a, b & a])
for call in (lambda: set().symmetric_difference(), lambda: set().symmetric_difference_update(), lambda: set().symmetric_difference([1], [2])):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
