counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
print(counter)
def make():
    value = []
    def add(x):
        value.append(x)
        return len(value)
    def reset():
        nonlocal value
        value = []
    return add, reset, lambda: value
add, reset, get = make()
add(1); add(2)
print(get())
reset()
print(get(), add(5), get())
def outer():
    a = 1
    def mid():
        nonlocal a
        a += 1
        def inner():
            nonlocal a
            a *= 10
        inner()
    mid()
    return a
print(outer())
def create_global():
    global created
    created = "yes"
create_global()
print(created)
x = 1
def read_only():
    return x + 1
print(read_only())
def shadowing():
    x = 5
    def see():
        return x
    x = 6
    return see()
print(shadowing())
