#!/usr/bin/env python3
"""Expected results of Python 3.11's format() for tests/support/test_format_spec.cpp.

Writes format_cases.json: [kind, value, spec, expected] with kind "int" (decimal string),
"float" ("bits:<uint64>") or "str"; errors are {"error": [type, message]}.
Run from this directory: python3 make_format_expected.py
"""
import json
import math
import struct

def fbits(x):
    return "bits:%d" % struct.unpack("<Q", struct.pack("<d", x))[0]


def run(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001
        return {"error": [type(e).__name__, str(e)]}


cases = []

int_values = [0, 1, -1, 5, -5, 42, 255, -255, 1234, -1234, 1234567, -1234567890, 65, 0x10ffff, 0x110000,
              2**64, -(2**70) - 3, 10**25, 99999, 100000, 7]
int_specs = ["", "d", "5", "05", "-5", "+5", "+", " ", " 5", "<5", ">5", "^5", "=5", "*^7", "x<8", "0=8",
             "08", "+08", "010,", "09,", "011_", ",", "_", ",d", "_d", "b", "#b", "o", "#o", "x", "#x", "X",
             "#X", "_b", "_x", "#_x", "#010x", "#010_x", "08_b", ",x", ",b", "c", ">5c", "+c", "#c", "n",
             ",n", ".2", ".0d", "z", "zd", "#d", "e", "E", ".3e", "f", ".2f", ",.2f", "g", "G", "%", ".1%",
             "s", "r", "y", "é", "5.", ",_", "_,", ",,", "__", "12345678901234567890123456789", "<", "=",
             "0", "00", "-#x", " #o", "+#b", "é^7", "é>6d", "<05", "^05", "=+8", "= 8", "0>5", "0<5",
             "#", "1,000", "xx", ".", ".x", "\x01", "5\x7f", "#>5x", "10c", "^10,", "^12_", "015,d", "016,",
             "-08,d", "+012_d", "\u20ac<10,", "3d", "2"]
for v in int_values:
    for spec in int_specs:
        cases.append(["int", str(v), spec, run(lambda: format(v, spec))])
for spec in ["d", "5", "^5", "x", "c", "", ">5"]:
    cases.append(["bool", "1", spec, run(lambda: format(True, spec))])

inf, nan = math.inf, math.nan
float_values = [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 3.14159265358979, -2.71828,
                1234567.891, -1234567.891, 1e16, 1e-5, 1.5e-5, 0.0001, 123456789.0, 1e100, 1e-100, 5e-324,
                1.7976931348623157e308, inf, -inf, nan, -0.0001, 0.05, 0.999, 9.9999, 99.995, 100.0,
                2.675, 1e22, 12345.6789, -0.004, 1 / 3]
float_specs = ["", "f", "F", ".0f", ".1f", ".2f", ".10f", ".20f", "e", "E", ".0e", ".2e", "#.0e", "#.0f",
               "g", "G", ".0g", ".1g", ".2g", ".3g", ".10g", ".17g", "#g", "#.3g", "%", ".0%", ".2%",
               ".3", ".1", ".0", ".12", ".17", "10", "010", "010.2f", "+", " ", "+.2f", " .2f", "z", "z.1f",
               "z.0f", "+z.2f", "z.2e", "z.0%", "z", ",", ",.2f", "_.2f", ",f", "015,.2f", "020,.3e",
               "^12.3f", "<12", ">12", "=12.2f", "*^15", "0=12.2f", "0<12.2f", "n", ".3n", "d", "x", "c",
               "b", "s", "#", "#.2", "#10.3g", ",g", "_g", ",e", ",.1%", "012,", "=+12", "é^10.2f",
               ".400f", "10.5e", "-", "-.3", "#x", ".1z", ".2d", "z.3g", "z%", "012"]
for x in float_values:
    for spec in float_specs:
        cases.append(["float", fbits(x), spec, run(lambda: format(x, spec))])

str_values = ["", "a", "abc", "hello world", "héllo", "日本語", "e\u0301", "😀x", "tab\t"]
str_specs = ["", "s", "5", "10", "<10", ">10", "^10", "^9", "*^11", "é>8", "😀<6", ".2", ".0", "10.3",
             ".10", "^10.2s", "=10", "+", "-", " ", "+10", "z", "#", "#10", "05", "010s", "0>10", "0=10",
             ",", "_", ",s", "d", "x", "r", "c", ".", "5.", "10,", "é", "é<", "é^5", "<", "ss", "100"]
for s in str_values:
    for spec in str_specs:
        cases.append(["str", s, spec, run(lambda: format(s, spec))])

with open("format_cases.json", "w", encoding="utf-8") as f:
    json.dump(cases, f, ensure_ascii=False, indent=0)
print(len(cases), "cases")
