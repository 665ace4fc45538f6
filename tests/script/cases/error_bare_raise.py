def check(v):
    if v < 0:
        raise ValueError(f"negative: {v}")
    return v
try:
    check(-1)
except ValueError:
    print("logging and re-raising")
    raise
