import random
class Account:
    interest = 0.02
    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        self.history = []
    @property
    def balance(self):
        return self._balance
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("Deposit must be positive")
        self._balance += amount
        self.history.append(("deposit", amount))
    def __repr__(self):
        return f"Account({self.owner!r}, {self._balance})"
accts = [Account(n, b) for n, b in [("ann", 10), ("bob", 5)]]
for a in accts:
    a.deposit(7)
print(accts, sorted(accts, key=lambda a: a.balance))
try:
    accts[0].deposit(-1)
except ValueError as e:
    print(f"Error: {e}")
print({a.owner: a.history for a in accts})
matrix = [[i * j for j in range(4)] for i in range(4)]
for row in matrix:
    print(" ".join(f"{v:3}" for v in row))
s = "the rain in spain stays mainly in the plain"
freq = {}
for w in s.split():
    freq[w] = freq.get(w, 0) + 1
print(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
print(max(freq, key=freq.get), len(freq))
def primes(n):
    sieve = [True] * (n + 1)
    sieve[0] = sieve[1] = False
    for i in range(2, int(n ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i::i] = [False] * len(sieve[i * i::i])
    return [i for i, p in enumerate(sieve) if p]
print(primes(50))
print(divmod(100, 7), 100 // 7, 100 % 7, -100 // 7)
x = 10
while x > 0:
    x -= 3
else:
    print("done", x)
print("%-5s|%5.2f|" % ("ab", 3.14159), "{:^10}".format("mid"), f"{'left':<10}|")
print(list(map(lambda t: t[0] * t[1], zip(range(3), range(3, 6)))))
print(isinstance([], (list, tuple)), type(3.0) is float, [1, 2, 3][::-1], (1, 2) + (3,))
nums = [5, 3, 8, 1]
nums.sort(key=lambda v: -v)
print(nums, sum(n * n for n in nums), min(nums), nums.index(8))
print(str(12345)[::-1], int(str(12345)[::-1]) + 1, "{:.2%}".format(0.256))
