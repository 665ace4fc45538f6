# Tracebacks show CPython 3.11's position markers: "^" under the expression that failed,
# "~" for the operands of a failing binary operation or subscript, none when the
# expression is the whole line, and a range over several lines marked to the end of its
# first line. Each failure is collected, then all are raised together in a group.
import asyncio

errors = []


def attempt(fn, *args):
    try:
        fn(*args)
    except Exception as e:
        errors.append(e)


class Account:
    def __init__(self, owner):
        self.owner = owner


def name_error():
    print("total:", undefined_total)


def call_error():
    parts = "a,b".split(",")
    return int(parts[0]) + 1


def attribute_error():
    account = Account("ana")
    return account.balance * 2


def subscript_error():
    prices = {"tea": 3}
    return prices["coffee"]


def list_index_error():
    return [10, 20, 30][5]


def binop_error(count):
    total = 12
    return (total + 1) // count


def whole_line_error(count):
    1 / count


def multi_line_call():
    return max(
        [],
    )


def multi_line_expression(value):
    return (value +
            "!")


def multi_line_attribute():
    account = Account("bo")
    return (account
            .withdraw(5))


def augmented_error():
    count = 1
    count += "x"


def comparison_error():
    return 1 < "2"


def nested_call_error(items):
    return sorted(items, key=len)[0].upper()


async def fetch(key):
    await asyncio.sleep(0.1)
    table = {"a": 1}
    return table[key] + table["a"]


async def average(values):
    await asyncio.sleep(0.1)
    return sum(values) / len(values)


async def main():
    attempt(name_error)
    attempt(call_error)
    attempt(attribute_error)
    attempt(subscript_error)
    attempt(list_index_error)
    attempt(binop_error, 0)
    attempt(whole_line_error, 0)
    attempt(multi_line_call)
    attempt(multi_line_expression, 1)
    attempt(multi_line_attribute)
    attempt(augmented_error)
    attempt(comparison_error)
    attempt(nested_call_error, [3, 4])
    try:
        await fetch("b")
    except KeyError as e:
        errors.append(e)
    task = asyncio.create_task(average([]))
    try:
        print("average:", await task)
    except ZeroDivisionError as e:
        errors.append(e)
    print(len(errors), "errors")
    raise ExceptionGroup("position markers", errors)


asyncio.run(main())
