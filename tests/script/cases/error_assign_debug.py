# __debug__ cannot be assigned, even as a parameter
print("never printed")


def f(__debug__=True):
    pass
