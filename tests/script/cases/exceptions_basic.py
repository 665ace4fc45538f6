def risky(kind):
    if kind == 1:
        raise ValueError("bad value")
    if kind == 2:
        raise KeyError("k")
    if kind == 3:
        return 1 / 0
    return "ok"
for k in range(5):
    try:
        r = risky(k)
    except (ValueError, KeyError) as e:
        print("caught", type(e).__name__, e, repr(e), e.args)
    except ZeroDivisionError:
        print("zero")
    else:
        print("else", r)
    finally:
        print("finally", k)
class MyError(Exception):
    pass
class DetailedError(MyError):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
try:
    raise DetailedError(404, "not found")
except MyError as e:
    print(type(e).__name__, e.code, e, e.args, repr(e), isinstance(e, Exception))
print(repr(ValueError()), str(ValueError()), repr(ValueError(1, 2)), str(ValueError(1, 2)), str(KeyError("x")))
try:
    try:
        raise ValueError("inner")
    except ValueError:
        raise
except ValueError as e:
    print("re-raised", e)
try:
    raise TypeError
except TypeError as e:
    print("class raised", repr(e))
e = None
try:
    [][1]
except IndexError as err:
    e = err
print(repr(e))
try:
    {}["missing"]
except LookupError as err:
    print(type(err).__name__, err)
try:
    assert 1 == 2, "math is broken"
except AssertionError as err:
    print("assert:", err)
try:
    assert False
except AssertionError as err:
    print("bare assert", repr(err))
try:
    int("abc")
except ValueError as err:
    print(err)
try:
    None.foo
except AttributeError as err:
    print(err)
try:
    "a" + 1
except TypeError as err:
    print(err)
try:
    raise StopIteration(5)
except StopIteration as err:
    print("value", err.value)
def gen_exit():
    try:
        yield 1
    finally:
        print("gen cleanup")
g = gen_exit()
next(g)
g.close()
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(KeyError, LookupError), issubclass(TimeoutError, OSError))
print(issubclass(RecursionError, RuntimeError), issubclass(StopAsyncIteration, Exception), issubclass(KeyboardInterrupt, Exception))
