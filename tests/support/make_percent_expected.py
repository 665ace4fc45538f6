#!/usr/bin/env python3
"""Expected results of Python 3.11's str % args for tests/support/test_percent_format.cpp.

Writes percent_cases.json: [format, args, expected]. args is one value or {"tuple": [...]}
or {"dict": {key: value}}; a value is ["int", "12"], ["float", "bits:<uint64>"] or
["str", "text"]. Errors are {"error": [type, message]}.
Run from this directory: python3 make_percent_expected.py
"""
import json
import math
import struct


def fbits(x):
    return "bits:%d" % struct.unpack("<Q", struct.pack("<d", x))[0]


def enc(v):
    if isinstance(v, bool):
        raise TypeError("no bools here")
    if isinstance(v, int):
        return ["int", str(v)]
    if isinstance(v, float):
        return ["float", fbits(v)]
    return ["str", v]


def enc_args(a):
    if isinstance(a, tuple):
        return {"tuple": [enc(v) for v in a]}
    if isinstance(a, dict):
        return {"dict": {k: enc(v) for k, v in a.items()}}
    return enc(a)


def run(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001
        msg = str(e) if not isinstance(e, KeyError) else repr(e.args[0])
        return {"error": [type(e).__name__, msg]}


cases = []


def add(fmt, args):
    cases.append([fmt, enc_args(args), run(lambda: fmt % args)])


inf, nan = math.inf, math.nan
ints = [0, 1, -1, 7, -42, 255, -255, 1234567, 2**70, -(2**64), 8]
floats = [0.0, -0.0, 1.0, -1.5, 2.5, 0.125, 3.14159265, -2.71828, 1e16, 1e-5, 123456.789, 1e300, inf, -inf,
          nan, 0.5, 1.5, 0.05, 99.995]
int_convs = ["d", "i", "u", "o", "x", "X"]
float_convs = ["e", "E", "f", "F", "g", "G"]
flag_sets = ["", "-", "+", " ", "#", "0", "-0", "+0", " 0", "#0", "-#", "+#", "+ ", "0-"]
widths = ["", "1", "6", "12"]
precs = ["", ".0", ".1", ".3", ".10"]
for v in ints:
    for conv in int_convs:
        for flags in flag_sets:
            for w in widths:
                for p in ["", ".0", ".3", ".10"]:
                    if (len(flags) + len(w) + len(p) + len(conv)) % 3 and v not in (-42, 255):
                        continue  # thin the grid
                    add("%" + flags + w + p + conv, v)
for v in floats:
    for conv in float_convs:
        for flags in flag_sets:
            for w in widths:
                for p in precs:
                    if (len(flags) + len(w) + len(p) + ord(conv)) % 4 and v not in (-1.5, 99.995):
                        continue
                    add("%" + flags + w + p + conv, v)
for v in [1.9, -1.9, 1e20, 2.5]:
    for conv in ["d", "i", "u"]:
        add("%" + conv, v)
for v in [1, -7, 2**40]:
    for conv in float_convs:
        add("%" + conv, v)
for s in ["", "abc", "héllo", "日本", "it's", 'say "hi"', "tab\t", "x\u0301y"]:
    for spec in ["s", "r", "a", "5s", "-5s", ".2s", "10.3s", "-10.3r", "5a", "05s", "+s", " s", "#s",
                 ".0r", "*s", ".*s"]:
        if "*" in spec:
            add("%" + spec, (4, s))
            add("%" + spec, (-4, s))
        else:
            add("%" + spec, s)
for v in [65, 0x1F600, 0xE9, "x", "é", "ab", 0x110000, -1, 1.5, ""]:
    for spec in ["c", "5c", "-5c", ".1c", "05c"]:
        add("%" + spec, v)
# Mixed formats, literal text, %% and errors at every stage.
add("%s and %d%%", ("a", 5))
add("%5%", ())
add("%5%", (1,))
add("%%", ())
add("100%% sure", ())
add("%", 1)
add("abc%", ())
add("%s %", (1,))
add("%z", 1)
add("%s %z", ())
add("%s %z", (1, 2))
add("abc %é", 1)
add("%ll", 1)
add("%ld %hi %Lf", (1, 2, 3.5))
add("%.", 1)
add("%5", 1)
add("%-", 1)
add("%*d", (-5, 3))
add("%*d|", (5, 3))
add("%-*d|", (5, 3))
add("%0*d|", (5, 3))
add("%.*f", (-2, 3.14159))
add("%.*f", (2, 3.14159))
add("%*.*f|", (9, 3, 2.5))
add("%*d", ("x", 1))
add("%.*d", (1.5, 1))
add("%s %s", (1,))
add("%s", (1, 2))
add("%d %d", 1)
add("hi", 1)
add("hi", ())
add("%s", ())
add("%s %s %s", ("a", 1, 2.5))
add("%d", "x")
add("%x", 1.5)
add("%o", 2.0)
add("%f", "x")
add("%e", "1")
add("%(a)s", {"a": 1})
add("%(a)s-%(b)05.1f", {"a": "x", "b": 2.25})
add("%(a)s %(a)r", {"a": "q"})
add("%(a", {"a": 1})
add("%(a)", {"a": 1})
add("%(missing)s", {"a": 1})
add("%(a)*d", {"a": 1})
add("%(a)s %s", {"a": 1})
add("%(x(y)z)s", {"x(y)z": 7})
add("%(a)z", {"a": 1})
add("%(a)%", {"a": 1})
add("%(a)s", (1,))
add("%(a)s", 5)
add("%#.3x %#08o %#X", (5, 8, 255))
add("%+.0e|% 10.2E|%-+12.4g|", (12345.678, -0.000123, 1e-7))
add("%c%c%c", (72, "i", 33))
add("%*d", (2**70, 1))
add("%.*f", (2**31, 1.5))
add("%.*f", (-(2**31) - 1, 1.5))
add("%.*f", (-(2**31), 1.5))
add("%.3000000000f", 1.5)
add("%99999999999999999999d", 1)

with open("percent_cases.json", "w", encoding="utf-8") as f:
    json.dump(cases, f, ensure_ascii=False, indent=0)
print(len(cases), "cases")
