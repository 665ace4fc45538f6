#!/usr/bin/env python3
"""Expected results of Python 3.11's int for tests/support/test_big_int.cpp.

Writes bigint_cases.json: a list of [op, args..., expected]. Ints are decimal strings,
floats are "bits:<uint64 of the IEEE pattern>", errors are {"error": [type, message]}.
Run from this directory: python3 make_bigint_expected.py
"""
import json
import random
import struct
import sys

sys.set_int_max_str_digits(0)
rng = random.Random(20261125)


def fbits(x):
    return "bits:%d" % struct.unpack("<Q", struct.pack("<d", x))[0]


def run(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - the error is the expected value
        return {"error": [type(e).__name__, str(e)]}


interesting = [0, 1, -1, 2, -2, 3, 7, -7, 10, 255, -256, 2**31 - 1, 2**31, -2**31, 2**32 - 1, 2**32,
               -2**32, 2**53, 2**53 + 1, 2**63 - 1, 2**63, -2**63, -2**63 - 1, 2**64 - 1, 2**64, -2**64,
               10**18, 10**19, -10**20, 2**100, -2**100, 3**80, -(7**90), 2**128 - 1, 10**40 + 1,
               2**61 - 1, 2**61, -(2**61 - 1), 2**122, 12345678901234567890123456789]
for bits in (40, 70, 100, 200, 500, 1000):
    for _ in range(3):
        v = rng.getrandbits(bits)
        interesting.append(v if rng.random() < 0.5 else -v)

cases = []
S = str
for a in interesting:
    cases.append(["str", S(a), run(lambda: str(a))])
    cases.append(["bin", S(a), bin(a)])
    cases.append(["oct", S(a), oct(a)])
    cases.append(["hex", S(a), hex(a)])
    cases.append(["neg", S(a), S(-a)])
    cases.append(["abs", S(a), S(abs(a))])
    cases.append(["invert", S(a), S(~a)])
    cases.append(["bit_length", S(a), S(a.bit_length())])
    cases.append(["bit_count", S(a), S(a.bit_count())])
    cases.append(["hash", S(a), S(hash(a))])
    cases.append(["to_double", S(a), run(lambda: fbits(float(a)))])
    cases.append(["fits_int64", S(a), "1" if -2**63 <= a < 2**63 else "0"])

pairs = []
small = [0, 1, -1, 2, -2, 3, -3, 5, -5, 7, 10, -10, 2**32, 2**63 - 1, -2**63, 2**64 + 1]
for a in small:
    for b in small:
        pairs.append((a, b))
for _ in range(150):
    a = rng.getrandbits(rng.choice([10, 40, 64, 65, 100, 300, 1000])) * rng.choice([1, -1])
    b = rng.getrandbits(rng.choice([5, 32, 33, 64, 90, 300, 600])) * rng.choice([1, -1])
    pairs.append((a, b))
pairs.append((10**300, 3**200))
pairs.append((-(10**300), 3**200))
pairs.append((2**4000 + 12345, 2**2000 - 1))
pairs.append((2**128, 2**64 - 1))
pairs.append((2**96 - 1, 2**64 + 3))  # exercises Knuth D's rare add-back path
pairs.append((0x7fffffff800000010000000000000000, 0x800000008000000200000005))
for a, b in pairs:
    cases.append(["add", S(a), S(b), S(a + b)])
    cases.append(["sub", S(a), S(b), S(a - b)])
    cases.append(["mul", S(a), S(b), S(a * b)])
    cases.append(["floordiv", S(a), S(b), run(lambda: S(a // b))])
    cases.append(["mod", S(a), S(b), run(lambda: S(a % b))])
    cases.append(["divmod", S(a), S(b), run(lambda: "%d %d" % divmod(a, b))])
    cases.append(["truediv", S(a), S(b), run(lambda: fbits(a / b))])
    cases.append(["cmp", S(a), S(b), S((a > b) - (a < b))])
    cases.append(["and", S(a), S(b), S(a & b)])
    cases.append(["or", S(a), S(b), S(a | b)])
    cases.append(["xor", S(a), S(b), S(a ^ b)])

for a in [0, 1, -1, 5, -5, 2**40 + 3, -(2**70) - 1, 3**50, -1234567]:
    for n in [0, 1, 3, 31, 32, 33, 63, 64, 65, 100, 200, -1]:
        cases.append(["lshift", S(a), S(n), run(lambda: S(a << n))])
        cases.append(["rshift", S(a), S(n), run(lambda: S(a >> n))])
cases.append(["rshift", S(-(2**70)), S(2**100), S(-1)])
cases.append(["rshift", S(2**70), S(2**100), S(0)])
cases.append(["lshift", S(0), S(2**100), S(0)])
cases.append(["lshift", S(1), S(2**62), run(lambda: S(1 << 2**62))])

for a in [0, 5, -5, 15, 25, -25, 35, 1234, 1250, 1350, -1250, 149, 150, 250, 10**30 + 5 * 10**9, 2**100, -(3**60)]:
    for n in [0, 2, -1, -2, -3, -9, -10, -31, -40, -1000]:
        cases.append(["round", S(a), S(n), S(round(a, n))])

for base in [0, 2, 3, 5, -7, 10, 2**32 + 1, -(3**40)]:
    for e in [0, 1, 2, 3, 10, 31, 64, 65, 100]:
        cases.append(["pow", S(base), S(e), S(base ** e)])
cases.append(["pow", "7", "1000", S(7 ** 1000)])
for base, e, m in [(2, 10, 1000), (3, 200, 10**9 + 7), (-3, 5, 7), (3, 2, -7), (3, -1, 7), (3, -1, -7),
                   (3, -1, 1), (6, -1, 9), (0, -1, 7), (2, 3, 0), (5, 0, 1), (5, 0, 7), (-5, 3, 13),
                   (2**100 + 1, 2**64 + 3, 10**30 + 57), (12345, -3, 2**61 - 1), (7, 10**20, 13),
                   (0, 0, 5), (4, -2, 9), (10, -1, 2**64)]:
    cases.append(["powmod", S(base), S(e), S(m), run(lambda: S(pow(base, e, m)))])

parse_inputs = [("0", 10), ("-0", 10), ("+17", 10), ("  42\n", 10), ("1_000_000", 10), ("1__0", 10),
                ("_1", 10), ("1_", 10), ("", 10), ("  ", 10), ("+", 10), ("- 1", 10), ("12a", 10),
                ("0x1f", 16), ("0X1F", 16), ("1f", 16), ("0x", 16), ("0x_1f", 16), ("0x__1f", 16),
                ("0b101", 0), ("0o777", 0), ("0x_dead_beef", 0), ("010", 0), ("00", 0), ("0_0", 0),
                ("0_7", 0), ("07", 8), ("0b1", 16), ("0B1", 2), ("z" * 10, 36), ("ZZ", 36), ("12", 37),
                ("12", 1), ("12", -1), ("1e5", 10), ("1.0", 10), ("١٢٣", 10), ("\u00a012\u2003", 10),
                ("９９", 10), ("x" * 300, 10), ("é", 10), ("0x1g", 0), ("-0b", 0), ("  -0x_1f  ", 0),
                ("9" * 40, 10), ("-" + "1" * 100, 10), ("1" * 4300, 10), ("1" * 4301, 10),
                ("1_" * 2500 + "1", 10), ("1_" * 4300 + "1", 10), ("1_" * 4299 + "1", 10), ("1" * 5000, 3), ("1" * 5000, 16), ("7" * 5000, 8),
                ("123", 2), ("-0o17", 8), ("0o17", 0), ("1 2", 10), ("\t-5\t", 10), ("'x'", 10),
                ("he said \"hi\"", 10), ("tab\there", 10)]
sys.set_int_max_str_digits(4300)  # the 3.11 default, which BigInt applies by default
def parsed(text, base):
    value = int(text, base)  # under the 4300-digit limit
    sys.set_int_max_str_digits(0)
    result = S(value)
    sys.set_int_max_str_digits(4300)
    return result


for text, base in parse_inputs:
    cases.append(["parse", text, S(base), run(lambda: parsed(text, base))])

# to_string limit: 4300 digits fine, 4301 not.
for v in [10**4299, -(10**4299), 10**4300, -(10**4300) + 1, 10**4300 - 1, 2**50000]:
    sys.set_int_max_str_digits(0)
    text = S(v)
    sys.set_int_max_str_digits(4300)
    cases.append(["str", text, run(lambda: S(v))])

with open("bigint_cases.json", "w", encoding="utf-8") as f:
    json.dump(cases, f, ensure_ascii=False, indent=0)
print(len(cases), "cases")
