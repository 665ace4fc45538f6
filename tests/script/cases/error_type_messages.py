five = 5
cases = [
    lambda: 1 + "a", lambda: "a" + 1, lambda: [1] + (1,), lambda: None + 1, lambda: len(5), lambda: five[0],
    lambda: iter(5), lambda: (1, 2).__setitem__, lambda: [][0], lambda: {}["a"], lambda: "abc"[10],
    lambda: 1 in 5, lambda: 1 in "a", lambda: int("x"), lambda: five(), lambda: "a" < 1, lambda: hash([]),
    lambda: {}.missing, lambda: abs("x"), lambda: chr(-1), lambda: ord("ab"), lambda: max([]), lambda: 1 // 0,
    lambda: 1 % 0, lambda: 1.0 / 0, lambda: divmod(1, 0), lambda: [1, 2].index(5), lambda: [].pop(),
    lambda: (1, 2)[5], lambda: {1}.remove(2), lambda: set().pop(), lambda: "x".index("y"), lambda: float("z"),
    lambda: int(None), lambda: list(1), lambda: sorted([1, "a"]), lambda: range(1, 2, 0), lambda: next(iter([])),
    lambda: dict([(1, 2, 3)]), lambda: "a" * "b", lambda: -"a", lambda: ~1.5, lambda: 2 ** "x",
    lambda: [].remove(1), lambda: 1 << -1, lambda: {}.popitem(), lambda: object().x, lambda: type.x,
]
for c in cases:
    try:
        c()
        print("no error")
    except Exception as e:
        print(type(e).__name__ + ":", e)
def t():
    a, b = 1, 2, 3
for f in [t, lambda: [a for a, b in [(1,)]]]:
    try:
        f()
    except ValueError as e:
        print(type(e).__name__ + ":", e)
    except Exception as e:
        print("other", type(e).__name__)
