# Sizes no machine can hold are a MemoryError at once (the program may catch it),
# sampling a huge range picks by index, and bad arguments are TypeErrors, not crashes.
import random

random.seed(1)
print(random.sample(range(10**9), 3), random.sample(range(5, 100, 7), 4), random.sample(range(10, 0, -2), 2))
for make in (lambda: "x".center(10**12), lambda: "7".zfill(10**13), lambda: "ab".ljust(10**14, "-"),
             lambda: list(range(10**12)), lambda: [0] * 10**12, lambda: "ab" * 10**12):
    try:
        make()
    except MemoryError as e:
        print("MemoryError", repr(e))
print("{x}-{y}".format_map({"x": 1, "y": 2}))
for bad in (lambda: "{x}".format_map(5), lambda: "abc".format_map(), lambda: delattr(object(), 5)):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
