def f():
    raise ExceptionGroup("eg", [ValueError(1), ExceptionGroup("inner", [KeyError("a")])])
f()
