# ascii() and the !a / %a conversions escape the repr once; %c of a huge int is an
# OverflowError; functools.partial names its module once.
import functools
print(ascii(0), ascii("é"), ascii([1, "ü", "€", "😀"]))
print("%a" % 5, "%a" % "é", "%a|%a" % (1.5, None), "%-6a|" % "é")
print(f"{5!a}", f"{'é'!a}", "{!a}".format("x"), "{0!a:>8}".format("ü"))
for v in (2**64, -1, 0x110000):
    try:
        print("%c" % v)
    except OverflowError as e:
        print("OverflowError", e)
print("%c%c" % (65, "é"))
print(functools.partial, type(functools.partial(print, 1)).__name__)
