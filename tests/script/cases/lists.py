a = [3, 1, 4, 1, 5, 9, 2, 6]
a.append(5); a.extend([3, 5]); a.insert(0, 0); a.insert(-1, 99)
print(a, len(a), a.count(5), a.index(9))
print(a.pop(), a.pop(0), a)
a.remove(1)
print(a)
a.sort(); print(a)
a.sort(reverse=True); print(a)
a.reverse(); print(a)
b = a.copy(); b.clear(); print(a[:3], b)
print(sorted(["bb", "a", "ccc"], key=len), sorted([3, 1, 2], reverse=True))
m = [[1, 2], [3, 4]]
print(m[1][0], [row[1] for row in m], [x for row in m for x in row])
c = [0] * 5
c[1:3] = [7, 8, 9]
print(c, c[::2], c[-2:], c[1:-1])
del c[0]; del c[::2]
print(c)
print([1, 2] + [3], [1] * 3, 2 in [1, 2], [1, 2] == [1, 2], [1, 2] < [1, 3], [] or "empty")
x, *rest = [1, 2, 3, 4]
*init, last = "abc"
p, (q, r) = 1, (2, 3)
print(x, rest, init, last, p, q, r)
print(list(range(5)), list(range(2, 10, 3)), list(range(10, 0, -4)), range(5)[-1], len(range(0, 10, 3)))
print(list(enumerate("ab", 1)), list(zip([1, 2, 3], "ab")), list(map(str, [1, 2])), list(filter(None, [0, 1, 2])))
print(min([4, 2, 8]), max([4, 2, 8], key=lambda v: -v), sum([1, 2, 3], 10), any([0, 1]), all([1, 0]))
print(list(reversed([1, 2, 3])), [i for i in range(3)][::-1])
nested = [1, [2, [3, [4]]]]
print(nested, str(nested))
l2 = [1, 2, 3]
l2 += [4]
l2 *= 2
print(l2)
