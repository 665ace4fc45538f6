print([x for x in range(5)], [x * y for x in range(3) for y in range(3) if x != y])
print({x: x ** 2 for x in range(4)}, {c for c in "hello"} == set("helo"), sorted({c for c in "hello"}))
print([[j for j in range(i)] for i in range(4)])
print(list((i, j) for i in range(2) for j in "ab"))
print([y for x in [[1, 2], [3]] for y in x], [v if v % 2 else -v for v in range(5)])
words = ["apple", "Bob", "cat"]
print({w[0].lower(): len(w) for w in words}, [w.upper() for w in words if len(w) > 2])
print(sum(x for x in range(101)), max((len(w), w) for w in words), any(x > 3 for x in [1, 5]))
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(col) for col in zip(*matrix)], [[row[i] for row in matrix] for i in range(3)])
print([(lambda k: k + 1)(k) for k in range(3)], [n for n in range(20) if n % 2 if n % 3])
print([s for s in (yv for yv in range(4))], {k: v for k, v in zip("abc", range(3)) if v})
