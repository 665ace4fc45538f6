# random's distributions give CPython's numbers for a seed: module functions share one
# generator, random.Random objects have their own; gauss keeps its second value.
import random

random.seed(12345)
print([random.gauss(0, 1) for _ in range(3)])
print(random.gauss(mu=10, sigma=2), random.gauss())
print([random.normalvariate() for _ in range(2)], random.normalvariate(5, 0.5))
print(random.lognormvariate(0, 0.25), random.lognormvariate(mu=1.0, sigma=0.5))
print([random.expovariate(1.5) for _ in range(3)], random.expovariate(lambd=-2))
print([random.vonmisesvariate(1.0, k) for k in (0, 0.5, 4.0, 50.0)])
print([random.gammavariate(a, 2.0) for a in (0.3, 0.9, 1.0, 2.5, 30.0)])
print([random.betavariate(a, b) for a, b in ((0.5, 0.5), (2, 5), (3.0, 1.0))])
print([random.paretovariate(a) for a in (1, 2.5, 10)])
print([random.weibullvariate(1.0, b) for b in (0.5, 1, 3)])
print([random.triangular() for _ in range(2)], random.triangular(2, 8), random.triangular(0, 10, 9))
print(random.triangular(low=5, high=1, mode=4), random.triangular(3, 3, 3))

r = random.Random(99)
print(r.gauss(), r.random(), r.gauss())
r.seed(99)
print(r.gauss(), r.gauss(), r.gauss())
r.seed(7)
print(r.normalvariate(1, 2), r.expovariate(3), r.gammavariate(0.5, 1), r.betavariate(2, 2))
print(r.vonmisesvariate(-3.0, 2.0), r.paretovariate(3), r.weibullvariate(2, 2), r.triangular(0, 1, 0.2))
print(r.lognormvariate(0, 1), r.gammavariate(alpha=4, beta=0.5))

for call in (lambda: random.gammavariate(0, 1), lambda: random.gammavariate(1, -1),
             lambda: random.expovariate(0), lambda: random.paretovariate(0),
             lambda: random.lognormvariate(1), lambda: random.gauss(1, 2, 3),
             lambda: random.normalvariate(sigma=1, mu=0, x=2)):
    try:
        print(call())
    except (ValueError, ZeroDivisionError, TypeError) as e:
        print(type(e).__name__, e)
