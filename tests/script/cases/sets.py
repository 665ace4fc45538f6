s = {3, 1, 2}
print(s, {10, 5, 100, 7}, set(), set([5, 5, 1]), {-1, -2, 0}, {1000, 8, 16, 24, 32})
s.add(4); s.discard(10); s.remove(1)
print(s, len(s), 2 in s, 9 in s)
a, b = {1, 2, 3, 4}, {3, 4, 5, 6}
print(a | b, a & b, a - b, a ^ b, a <= b, {1, 2} < a, a.union([9]), a.intersection(b), a.difference(b))
print(a.issubset(b), a.isdisjoint({7}), frozenset([2, 1]), frozenset(), {frozenset({1}): "x"})
print(sorted({"pear", "apple", "fig"}), {x % 3 for x in range(10)}, set(range(20, 0, -3)))
c = set(range(100))
print(len(c), sum(c), {i * 7 % 50 for i in range(30)})
print({(1, 2), (3, 4)}, {1.5, 2.5, 0.5}, {True, 2, 3})
u = {1, 2}
u |= {3}
u -= {1}
print(u, u.pop(), u)
