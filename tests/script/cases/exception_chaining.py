def show(e):
    print(type(e).__name__, e, "| cause:", repr(e.__cause__), "| context:", repr(e.__context__), e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError as z:
        raise ValueError("converted") from z
except ValueError as e:
    show(e)
try:
    try:
        {}["k"]
    except KeyError:
        raise RuntimeError("during handling")
except RuntimeError as e:
    show(e)
try:
    try:
        raise KeyError("a")
    except KeyError:
        raise TypeError("no context") from None
except TypeError as e:
    show(e)
try:
    try:
        raise ValueError("first")
    finally:
        pass
except ValueError as e:
    show(e)
err = ValueError("x")
err.add_note("a note")
print(err.__notes__)
