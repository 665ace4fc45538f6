def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print("RecursionError:", e)
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)
print(depth(900))
def count(n):
    try:
        return count(n + 1)
    except RecursionError:
        return n
print(count(0) > 900)
def deep(n):
    return deep(n + 1) if n < 100000 else n
try:
    deep(0)
except RecursionError:
    print("100,000 frames refused cleanly")
class R:
    def __repr__(self):
        return repr(self)
try:
    repr(R())
except RecursionError as e:
    print("repr recursion:", e)
print("still alive")
