#!/usr/bin/env python3
"""Expected results of Python 3.11's float for tests/support/test_float_format.cpp.

Writes float_cases.json: [op, args..., expected]; floats are "bits:<uint64 pattern>",
ints decimal strings, errors {"error": [type, message]}.
Run from this directory: python3 make_float_expected.py
"""
import json
import math
import random
import struct

rng = random.Random(1125)


def fbits(x):
    return "bits:%d" % struct.unpack("<Q", struct.pack("<d", x))[0]


def run(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001
        return {"error": [type(e).__name__, str(e)]}


inf, nan = math.inf, math.nan
values = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 10.0, 100.0,
          1e15, 1e16, 1e17, 1.5e16, 123456789012345678.0, 9007199254740993.0, 0.0001, 0.00001, 1.5e-05,
          1e-4, 9.999e-5, 1e22, 1e23, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
          -1.7976931348623157e308, inf, -inf, nan, 3.14159, -2.71828, 0.125, 0.375, 2.675, 1.005, 1e100,
          123.456, -123.456, 4.35, 0.045, 1234567.891, 1e-10, 7e-7, 2.0**63, 2.0**64, -2.0**53, 2.0**53 + 2,
          float(2**1023), 0.5e-320, 299792458.0, 6.02214076e23, 1.23e-300, 8.5, 9.5, 10.5, -7.5]
for _ in range(60):
    e = rng.randint(-30, 30)
    values.append(rng.uniform(-1, 1) * 10.0 ** e)
for _ in range(20):
    values.append(struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0])

cases = []
for x in values:
    cases.append(["repr", fbits(x), repr(x)])
    cases.append(["hash", fbits(x), str(hash(x)) if not math.isnan(x) else "0"])
    cases.append(["is_integer", fbits(x), "1" if x.is_integer() else "0"])
    cases.append(["round0", fbits(x), run(lambda: str(round(x)))])
    cases.append(["int", fbits(x), run(lambda: str(int(x)))])
    cases.append(["floor", fbits(x), run(lambda: str(math.floor(x)))])
    cases.append(["ceil", fbits(x), run(lambda: str(math.ceil(x)))])
    cases.append(["ratio", fbits(x), run(lambda: "%d/%d" % x.as_integer_ratio())])
    for n in [0, 1, 2, 3, 5, 10, 17, 300, 400, -1, -2, -5, -20, -308, -309]:
        cases.append(["round", fbits(x), str(n), run(lambda: fbits(round(x, n)))])

ties = [0.5, 1.5, 2.5, 0.125, 0.375, 0.625, 2.675, 1.005, 0.285, 5.5, 6.5, -0.5, -1.5, 1234.5, 0.0625,
        25.0, 35.0, 150.0, 250.0, 1e300, 1.7976931348623157e308]
for x in ties:
    for n in [0, 1, 2, 3, -1, -2, -3, -306, -307, -308]:
        cases.append(["round", fbits(x), str(n), run(lambda: fbits(round(x, n)))])

pair_values = [0.0, -0.0, 1.0, -1.0, 3.0, -3.0, 0.5, 7.5, -7.5, 1e300, -1e-300, inf, -inf, nan, 2.0,
               0.1, 5e-324, 1e16, -2.5, 10.0, 1 / 3]
for a in pair_values:
    for b in pair_values:
        cases.append(["truediv", fbits(a), fbits(b), run(lambda: fbits(a / b))])
        cases.append(["floordiv", fbits(a), fbits(b), run(lambda: fbits(a // b))])
        cases.append(["mod", fbits(a), fbits(b), run(lambda: fbits(a % b))])
        cases.append(["divmod", fbits(a), fbits(b), run(lambda: " ".join(map(fbits, divmod(a, b))))])

def pow_expected(a, b):
    r = a ** b
    if isinstance(r, complex):
        raise ValueError("complex numbers are not supported")  # our documented substitute
    return fbits(r)


pow_values = [0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 10.0, -8.0, 1 / 3, 3.0, -3.0, 1e300, 1e-300,
              inf, -inf, nan, 1024.0, -1075.0, 0.1, 2.5, -2.5]
for a in pow_values:
    for b in pow_values:
        cases.append(["pow", fbits(a), fbits(b), run(lambda: pow_expected(a, b))])

parse_texts = ["0", "1", "-1", "+1.5", "  2.5\n", "1_000.5", "1__0", "_1", "1_", "1e5", "1E-5", "1.e5",
               ".5", ".", "1e", "e5", "0x10", "1_e5", "1e_5", "1e5_0", "1.5_5", "inf", "-inf", "+Infinity",
               " -iNfinity ", "nan", "-NaN", "nAn", "infinit", "1e400", "-1e400", "1e-400", "4.9e-324",
               "2.4703282292062328e-324", "2.4703282292062327e-324", "1.7976931348623158e308",
               "1.7976931348623159e308", "0.1", "123456789012345678901234567890", "١.٥", "\u00a03\u2003",
               "", "  ", "1 2", "--1", "+-1", "1.5.5", "0.000000000000000000000000001e27", "x", "'q'",
               "9" * 400, "0." + "0" * 400 + "1", "1e+05", "1e-0", "00012", "1.0e+308", "é"]
for t in parse_texts:
    cases.append(["parse", t, run(lambda: fbits(float(t)))])

with open("float_cases.json", "w", encoding="utf-8") as f:
    json.dump(cases, f, ensure_ascii=False, indent=0)
print(len(cases), "cases")
