prices = {"apple": 1.5}
def price(item):
    return prices[item]
print(price("apple"))
print(price("pear"))
