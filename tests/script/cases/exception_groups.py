def show(label, e):
    print(label, type(e).__name__, repr(e))
eg = ExceptionGroup("many", [ValueError(1), TypeError(2), ValueError(3)])
print(str(eg), eg.message, eg.exceptions)
match, rest = eg.split(ValueError)
print(repr(match), repr(rest))
print(repr(eg.subgroup(TypeError)), eg.subgroup(KeyError))
try:
    raise eg
except* ValueError as e:
    show("value part:", e)
except* TypeError as e:
    show("type part:", e)
try:
    try:
        raise ExceptionGroup("two", [KeyError("k"), OSError("o")])
    except* KeyError:
        print("handled KeyError")
except ExceptionGroup as e:
    show("left over:", e)
try:
    try:
        raise ValueError("naked")
    except* ValueError as e:
        show("naked wrapped:", e)
except Exception as e:
    show("unexpected", e)
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError("new")
except ExceptionGroup as e:
    show("combined:", e)
    print([type(x).__name__ for x in e.exceptions])
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise
except ExceptionGroup as e:
    show("reraised:", e)
try:
    ExceptionGroup("x", [])
except ValueError as e:
    print(e)
beg = BaseExceptionGroup("b", [ValueError(1)])
print(type(beg).__name__)
try:
    raise ExceptionGroup("nested", [ValueError("a"), ExceptionGroup("inner", [TypeError("b")])])
except* TypeError as e:
    show("deep:", e)
except* ValueError as e:
    show("shallow:", e)
