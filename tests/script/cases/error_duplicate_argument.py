# one parameter name twice
print("never printed")


def area(width, height, width):
    return width * height
