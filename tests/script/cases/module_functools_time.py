import functools
from functools import partial, reduce
def power(base, exp, *, scale=1):
    return scale * base ** exp
square = partial(power, exp=2)
cube = functools.partial(power, exp=3, scale=10)
print(square(5), cube(2), partial(power, 2)(10), square(3, scale=2))
print(reduce(lambda a, b: a * b, range(1, 6)), reduce(lambda a, b: a + b, [], 100))
@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80))
def deco(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        return fn(*a, **k) + 1
    return wrapper
@deco
def base(x):
    return x
print(base(1), base.__name__)
import time
t0 = time.monotonic()
time.sleep(0.2)
elapsed = time.monotonic() - t0
print(elapsed >= 0.19, round(elapsed, 1))
print(type(time.time()).__name__, time.perf_counter() >= 0)
import datetime
now = datetime.datetime.now()
print(type(now).__name__, len(str(now)) >= 19, now.year > 2000, len(now.strftime("%Y-%m-%d")))
