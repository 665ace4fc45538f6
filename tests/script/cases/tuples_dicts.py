t = (1, 2, 3)
print(t, t[1:], (1,), (), t + (4,), t * 2, t.index(2), t.count(1), len(t), 2 in t)
d = {"b": 1, "a": 2}
d["c"] = 3
d["b"] = 10
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), "c" in d, list(d), list(d.keys()), list(d.values()))
print(list(d.items()), d.pop("a"), d, d.setdefault("x", 5), d)
d.update({"y": 1}, z=2)
print(d, d.popitem(), d)
del d["b"]
print(d, {k: v * 2 for k, v in d.items()}, dict(zip("ab", [1, 2])), dict(a=1, b=2), dict([("k", "v")]))
print({**{"a": 1}, "b": 2, **{"a": 3}}, {1: "x"} | {2: "y"}, dict.fromkeys("ab", 0))
print(d.keys(), d.values(), d.items())
e = {}
for word in "the cat the hat the".split():
    e[word] = e.get(word, 0) + 1
print(e, sorted(e.items(), key=lambda kv: (-kv[1], kv[0])))
print({(1, 2): "tuple key", 3.0: "float", True: "bool"})
print({1: 1} == {1: 1.0}, {1: 2} != {1: 3})
copy = e.copy(); copy.clear(); print(copy, e)
nested = {"a": {"b": [1, 2]}}
nested["a"]["b"].append(3)
print(nested)
