# nonlocal with no enclosing binding names its line
print("never printed")


def counter():
    def bump():
        nonlocal count
        count += 1
    return bump
