#!/usr/bin/env python3
"""Expected outputs of Python 3.11's random.Random for tests/support/test_random.cpp.

Writes random_cases.json: a list of {"seed": [kind, text], "ops": [[op, args..., result], ...]}
where each seed's ops run in order on one generator. kind is "int", "str" or "float"
("bits:<uint64>"); floats in results are "bits:<uint64>", errors {"error": [type, message]}.
Also sha512 vectors: {"sha512": text, "hex": digest}.
Run from this directory: python3 make_random_expected.py
"""
import hashlib
import json
import random
import struct


def fbits(x):
    return "bits:%d" % struct.unpack("<Q", struct.pack("<d", x))[0]


def run(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001
        return {"error": [type(e).__name__, str(e)]}


def enc_seed(s):
    if isinstance(s, int):
        return ["int", str(s)]
    if isinstance(s, float):
        return ["float", fbits(s)]
    return ["str", s]


seeds = [0, 1, 42, 2**100, -5, "hello", 3.5, -3.5, "", "日本語 ünïcode", 2**32, 2**64 - 1, 1e300, 0.1,
         12345678901234567890123456789, "x" * 300]
out = []
for seed in seeds:
    r = random.Random(seed)
    ops = []

    def op(name, *args):
        fn = {
            "random": lambda: fbits(r.random()),
            "getrandbits": lambda k: str(r.getrandbits(k)),
            "randrange1": lambda n: str(r.randrange(n)),
            "randrange": lambda a, b, c: str(r.randrange(a, b, c)),
            "randint": lambda a, b: str(r.randint(a, b)),
            "uniform": lambda a, b: fbits(r.uniform(a, b)),
            "choice": lambda n: str(r.choice(range(n))),
            "shuffle": lambda n: (lambda xs: (r.shuffle(xs), " ".join(map(str, xs)))[1])(list(range(n))),
            "sample": lambda n, k: " ".join(map(str, r.sample(range(n), k))),
            "choices": lambda n, k: " ".join(map(str, r.choices(range(n), k=k))),
            "reseed": lambda: (r.seed(seed), "")[1],
            "gauss": lambda mu, sigma: fbits(r.gauss(mu, sigma)),
            "normalvariate": lambda mu, sigma: fbits(r.normalvariate(mu, sigma)),
            "expovariate": lambda lambd: fbits(r.expovariate(lambd)),
            "triangular": lambda low, high: fbits(r.triangular(low, high)),
            "triangular_mode": lambda low, high, mode: fbits(r.triangular(low, high, mode)),
            "choices_cum": lambda cum, k: " ".join(
                map(str, r.choices(range(len(cum)), cum_weights=cum, k=k))),
        }[name]
        enc_args = [[fbits(x) for x in a] if isinstance(a, list) else (str(a) if isinstance(a, int) else fbits(a)) for a in args]
        ops.append([name] + enc_args + [run(lambda: fn(*args))])

    for _ in range(8):
        op("random")
    for k in [0, 1, 5, 31, 32, 33, 63, 64, 65, 100, 1000, -1]:
        op("getrandbits", k)
    for n in [1, 2, 3, 10, 100, 2**31, 2**32, 2**32 + 1, 2**53, 2**64 - 1, 2**64, 2**100, 10**30, 0, -3]:
        op("randrange1", n)
    for a, b, c in [(0, 10, 1), (5, 5, 1), (5, 1, 1), (10, 0, -1), (1, 5, -1), (0, 100, 7), (0, 1, 0),
                    (-50, 50, 3), (100, -100, -9), (0, 10, 20), (10, 11, 5), (-(2**70), 2**70, 1),
                    (2**80, 2**81, 2**20), (0, 1, -1)]:
        op("randrange", a, b, c)
    for a, b in [(1, 6), (0, 0), (-10, 10), (3, 1), (2**64, 2**65), (-1, -1)]:
        op("randint", a, b)
    for a, b in [(0.0, 1.0), (-5.0, 5.0), (10.0, 2.0), (1e300, -1e300)]:
        op("uniform", a, b)
    for n in [1, 2, 5, 100, 1000, 0]:
        op("choice", n)
    for n in [0, 1, 2, 5, 10, 52]:
        op("shuffle", n)
    for n, k in [(10, 3), (10, 10), (10, 0), (100, 5), (1000, 20), (21, 6), (84, 6), (85, 6), (100, 90),
                 (10**6, 10), (5, 6), (5, -1), (0, 0), (25, 5), (26, 5)]:
        op("sample", n, k)
    for n, k in [(5, 10), (1, 3), (1000, 5), (3, 0)]:
        op("choices", n, k)
    for cum, k in [([1.0, 3.0, 6.0], 10), ([0.0, 0.0, 5.0], 5), ([0.0, 0.0], 2), ([1.0, float("inf")], 1),
                   ([2.5], 3), ([-1.0, -0.5], 1)]:
        op("choices_cum", cum, k)
    for mu, sigma in [(0.0, 1.0), (0.0, 1.0), (10.0, 2.0), (-1.0, 0.5), (0.0, 1.0)]:
        op("gauss", mu, sigma)
        op("normalvariate", mu, sigma)
    for lambd in [1.0, 0.5, 10.0, -2.0, 0.0]:
        op("expovariate", lambd)
    for low, high in [(0.0, 1.0), (5.0, 2.0), (1.0, 1.0)]:
        op("triangular", low, high)
    for low, high, mode in [(0.0, 10.0, 2.0), (0.0, 10.0, 9.0), (3.0, 3.0, 3.0), (1.0, 2.0, 5.0)]:
        op("triangular_mode", low, high, mode)
    for _ in range(3):
        op("random")
    op("gauss", 0.0, 1.0)
    op("reseed")  # reseeding discards the cached gauss value
    op("gauss", 0.0, 1.0)
    op("random")
    out.append({"seed": enc_seed(seed), "ops": ops})

for text in ["", "abc", "hello", "a" * 111, "a" * 112, "a" * 127, "a" * 128, "a" * 239, "a" * 240, "b" * 1000,
             "The quick brown fox jumps over the lazy dog", "日本語"]:
    out.append({"sha512": text, "hex": hashlib.sha512(text.encode()).hexdigest()})

with open("random_cases.json", "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, indent=0)
print(sum(len(x.get("ops", [1])) for x in out), "cases")
