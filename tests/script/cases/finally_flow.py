def f1():
    try:
        return "try"
    finally:
        print("finally runs")
print(f1())
def f2():
    try:
        return "try"
    finally:
        return "finally wins"
print(f2())
def f3():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print("body", i)
        finally:
            print("cleanup", i)
    return i
print(f3())
def f4():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
print(f4())
def f5():
    while True:
        try:
            raise KeyError("x")
        finally:
            break
    return "broke out"
print(f5())
def f6():
    try:
        try:
            raise ValueError("a")
        finally:
            print("inner finally")
    except ValueError as e:
        print("outer caught", e)
    finally:
        print("outer finally")
f6()
def f7():
    x = []
    for i in range(3):
        try:
            try:
                if i == 1:
                    return x
            finally:
                x.append(i)
        finally:
            x.append(-i)
    return x
print(f7())
def f8():
    try:
        1 / 0
    except ZeroDivisionError:
        return "from except"
    finally:
        print("f8 finally")
print(f8())
def f9():
    for i in range(3):
        try:
            continue
        finally:
            print("f9", i)
f9()
def f10():
    try:
        pass
    except Exception:
        print("never")
    else:
        return "else returns"
    finally:
        print("f10 finally")
print(f10())
def f11():
    with open_ctx("a"):
        with open_ctx("b"):
            return "from with"
class open_ctx:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        print("enter", self.n)
    def __exit__(self, *a):
        print("exit", self.n)
print(f11())
def f12():
    for i in range(2):
        with open_ctx(i):
            if i == 0:
                continue
            break
f12()
