# Set displays of constants come out in CPython's order: negative numbers and
# floats included (CPython folds them into a frozenset constant first).
print({4, -2, 8, -3, -1})
print({-1, -2, -3, 4, 8, 16, 32, 64, 128})
print({0.1, 0.2, 0.3})
print({0.5, -0.5, 1.5, -1.5, 2.5})
print({64, 1, 2, 33, 100, 5, 8, 9, 17, -5, -1})
print({-7, 7, ~7, +7, -(-7)})
x = -2
print({4, x, 8, -3, -1})
print({1, 2})
print({-1, -2})
print(set([32, 64, 128, 4, 8, 16, -1, -3, -2]))
print(sorted({-3, 3, -2, 2}))
print({not 0, not 1, 5})
