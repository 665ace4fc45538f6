# await in a lambda
print("never printed")
f = lambda: await g()
