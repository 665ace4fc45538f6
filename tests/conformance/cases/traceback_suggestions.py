# "Did you mean" suggestions on NameError and AttributeError, as CPython 3.11 computes
# them: locals, then globals, then builtins for a name; dir(obj) for an attribute; none
# when nothing is close enough. str(e) never carries the suggestion.
import asyncio

errors = []


def attempt(fn, *args):
    try:
        fn(*args)
    except Exception as e:
        errors.append(e)


class Sensor:
    unit = "C"

    def __init__(self):
        self.value = 21.5
        self.name = "kitchen"

    def describe(self):
        return self.nmae


def misspelled_builtin():
    prnt("hello")


def misspelled_local():
    counter = 3
    return countr + 1


threshold = 10


def misspelled_global():
    return Threshold * 2


def misspelled_constant():
    return Tru


def nothing_close():
    return q


def unbound_local():
    total = totl
    totl = 1
    return total


def instance_attribute():
    return Sensor().valeu


def method_name():
    return Sensor().describ()


def too_far():
    return Sensor().describe()


def class_attribute():
    return Sensor.unti


def list_method():
    items = [1]
    items.apend(2)


def str_method():
    return "abc".uper()


def dict_method():
    return {}.itmes()


def module_attribute():
    return asyncio.sleeep(1)


def getattr_builtin():
    return getattr(Sensor(), "valeu")


def raised_by_hand():
    raise AttributeError("valeu")


async def event_attribute():
    event = asyncio.Event()
    await asyncio.sleep(0)
    return event.is_sett()


async def main():
    for fn in (misspelled_builtin, misspelled_local, misspelled_global, misspelled_constant, nothing_close,
               unbound_local):
        attempt(fn)
    names = errors[:]
    errors.clear()
    for fn in (instance_attribute, method_name, too_far, class_attribute, list_method, str_method, dict_method,
               module_attribute, getattr_builtin, raised_by_hand):
        attempt(fn)
    try:
        await event_attribute()
    except AttributeError as e:
        errors.append(e)
    for e in names + errors:
        print(type(e).__name__, "|", e)
    print(names[0].name, errors[0].name)
    raise ExceptionGroup("suggestions", [ExceptionGroup("names", names), ExceptionGroup("attributes", errors)])


asyncio.run(main())
