# A generator dropped while suspended is closed at once: its finally blocks and
# with-exits run where the last reference goes (break, del, return, rebinding).
def numbers(tag):
    try:
        for i in range(10):
            yield i
    finally:
        print(tag, "cleanup")


class Ctx:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, kind, value, tb):
        print("exit", kind.__name__)
        return False


def managed():
    with Ctx():
        yield 1
        yield 2


for n in numbers("for-break"):
    if n == 2:
        break
print("after break")

g = numbers("del")
next(g)
del g
print("after del")


def local_only():
    g = numbers("local")
    next(g)
    return "returned"


print(local_only())

g = numbers("rebound")
next(g)
g = None
print("after rebinding")

for x in managed():
    print("got", x)
    break
print("after with")

done = numbers("exhausted")
print(sum(done))
del done
print("never started:", end=" ")
fresh = numbers("fresh")
del fresh
print("nothing to clean")


def swallow():
    try:
        yield 1
    except GeneratorExit:
        print("saw GeneratorExit")
        raise


s = swallow()
next(s)
s = None
print("end")
