nested = []
for i in range(100000):
    nested = [nested]
try:
    repr(nested)
except RecursionError as e:
    print("repr refused:", type(e).__name__)
d = {}
cur = d
for i in range(50000):
    cur["k"] = {}
    cur = cur["k"]
nested = None
d = None
print("freed without crashing")
chain = None
for i in range(100000):
    chain = (i, chain)
n = 0
while chain is not None:
    n += 1
    chain = chain[1]
print(n)
a, b = [], []
for i in range(100000):
    a, b = [a], [b]
try:
    print(a == b)
except RecursionError as e:
    print("compare refused:", type(e).__name__)
