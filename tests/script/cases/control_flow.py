for i in range(10):
    if i == 2:
        continue
    if i == 6:
        break
    print(i, end=" ")
else:
    print("no break")
print()
for i in range(3):
    pass
else:
    print("loop finished", i)
n = 0
while n < 5:
    n += 1
    if n == 3:
        continue
    print("n", n)
else:
    print("while else")
while True:
    n -= 1
    if n < 2:
        break
print("after", n)
x = 7
if x < 5:
    print("small")
elif x < 10:
    print("medium")
else:
    print("large")
print("yes" if x else "no", 1 < x < 10, 1 < x > 10, x == 7 == 7.0, not x, x is not None)
print(0 or "" or [] or "last", 1 and 2 and 3, None and 1, (y := 5) + y)
for a, b in [(1, 2), (3, 4)]:
    print(a + b)
for i, ch in enumerate("xy"):
    for j in range(2):
        if j == 1:
            break
        print(i, ch, j)
