class Stack:
    def __init__(self):
        self._items = []
    def push(self, x):
        self._items.append(x)
    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()
    def __len__(self):
        return len(self._items)
    def __bool__(self):
        return len(self) > 0
st = Stack()
for c in "([{}])":
    if c in "([{":
        st.push(c)
    else:
        st.pop()
print(len(st), bool(st))
try:
    st.pop()
except IndexError as e:
    print(e)
def gen_pairs(n):
    for i in range(n):
        for j in range(i + 1, n):
            yield i, j
print(list(gen_pairs(4)))
total = 0
for i, (a, b) in enumerate(gen_pairs(3)):
    total += i * (a + b)
print(total)
import functools
print(functools.reduce(lambda acc, x: acc + [x * 2], [1, 2, 3], []))
data = {"b": [3, 1], "a": [2]}
for k in sorted(data):
    print(k, sorted(data[k]))
print(any(v for v in []), all([]), [i for i in range(10) if i % 2 == 0 if i % 4])
a = b = c = 0
a += 1
print(a, b, c)
t = 1, 2, 3
print(t, type(t).__name__, len(t))
print("abc".upper().lower().title(), "x=%d y=%s" % (1, [2]))
def describe(*args, sep=", ", **kw):
    return sep.join(map(str, args)) + (" " + str(kw) if kw else "")
print(describe(1, 2, 3), describe("a", sep="-", flag=True))
nested = {"x": {"y": {"z": 1}}}
print(nested["x"]["y"]["z"], nested.get("q", {}).get("r"))
print(round(2.5), round(0.5), round(1.005, 2), round(-2.5), 7 // -2, -7 % 2)
print(1e-7, 1e22, 123.0, 0.1 * 3, 2 ** 0.5, 10 / 3)
s = set()
for w in ["a", "b", "a"]:
    s.add(w)
print(len(s), "a" in s, sorted(s))
counter = {}
for ch in "hello world":
    if ch.isalpha():
        counter[ch] = counter.get(ch, 0) + 1
print(counter)
lst = list(range(10))
print(lst[2:8:2], lst[-3:], lst[:-7], lst[::-3], lst[5:2:-1])
print(chr(ord("a") + 1), "".join(chr(ord(c) + 1) for c in "HAL"))
def fact(n):
    return 1 if n == 0 else n * fact(n - 1)
print(fact(25), len(str(fact(100))))
print([x for x in "a1b2c3" if x.isdigit()], "a1b2".isalnum(), "  ".join(["x", "y"]))
