class Dyn:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        return f"dynamic {name}"
d = Dyn()
print(d.real, d.anything, getattr(d, "other"))
class Guarded:
    def __setattr__(self, name, value):
        if name.startswith("_"):
            raise AttributeError(f"cannot set {name}")
        super().__setattr__(name, value.upper() if isinstance(value, str) else value)
g = Guarded()
g.name = "bob"
print(g.name)
try:
    g._secret = 1
except AttributeError as e:
    print(e)
class Registry:
    instances = 0
    def __init__(self):
        type(self).instances += 1
        self.id = Registry.instances
    @classmethod
    def count(cls):
        return cls.instances
for _ in range(3):
    Registry()
print(Registry.count(), Registry().id)
class Temperature:
    def __init__(self, c):
        self._c = c
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @fahrenheit.setter
    def fahrenheit(self, f):
        self._c = (f - 32) * 5 / 9
t = Temperature(100)
print(t.fahrenheit)
t.fahrenheit = 32
print(t._c, round(t.fahrenheit, 1))
class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next
    def __iter__(self):
        node = self
        while node:
            yield node.value
            node = node.next
    def __repr__(self):
        return f"Node({self.value})"
chain = Node(1, Node(2, Node(3)))
print(list(chain), chain, chain.next.next, chain.__class__.__name__)
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __eq__(self, other):
        return self.cents == other.cents
m = Money(5)
print(m == Money(5), m != Money(6))
try:
    hash(m)
except TypeError as e:
    print(e)
class Stack(list) if False else object:
    pass
print(Stack.__name__)
class WithSlotsLike:
    __slots__ = ()
print(WithSlotsLike.__name__)
class Outer:
    class Inner:
        pass
print(Outer.Inner.__qualname__, Outer.Inner.__name__, repr(Outer.Inner)[:20])
