# Methods of builtin types called through the type check what stands for self.
print(list(map(str.upper, ["a", "b"])), str.join(",", ["x", "y"]), sorted(["b", "A"], key=str.casefold))
l = []
list.append(l, 5)
print(l, dict.get({"k": 1}, "k"), str.split("a b"), int.bit_length(255), str.format("{}!", 1))
calls = [
    lambda: str.upper(),
    lambda: list.pop(),
    lambda: dict.items(),
    lambda: set.add(),
    lambda: str.upper(5),
    lambda: list.append(5, 1),
    lambda: dict.get([], "k"),
    lambda: set.add(frozenset(), 1),
    lambda: int.bit_length("x"),
    lambda: list.append([]),
]
for call in calls:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)

