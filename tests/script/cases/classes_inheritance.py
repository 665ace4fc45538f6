class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} says {self.sound}"
    def kind(self):
        return "animal"
class Dog(Animal):
    sound = "woof"
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed
    def kind(self):
        return "dog/" + super().kind()
class Puppy(Dog):
    def speak(self):
        return super().speak() + "!"
p = Puppy("Rex", "lab")
print(p.speak(), p.kind(), p.breed, isinstance(p, Animal), issubclass(Puppy, Animal), issubclass(Animal, Dog))
print([c.__name__ for c in Puppy.__mro__], Puppy.__bases__[0].__name__)
class Base:
    def __init__(self):
        self.log = ["base"]
    @classmethod
    def create(cls):
        return cls()
    @staticmethod
    def helper(x):
        return x * 2
    @property
    def size(self):
        return len(self.log)
    @size.setter
    def size(self, v):
        self.log = ["x"] * v
class Child(Base):
    def __init__(self):
        super().__init__()
        self.log.append("child")
c = Child.create()
print(type(c).__name__, c.log, c.size, Child.helper(4), c.helper(5))
c.size = 3
print(c.log, c.size)
try:
    del c.size
except AttributeError as e:
    print("AttributeError:", e)
class Counter:
    def __init__(self):
        self._n = 0
    @property
    def n(self):
        return self._n
cn = Counter()
try:
    cn.n = 5
except AttributeError as e:
    print("AttributeError:", e)
class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B>" + super(B, self).who()
print(B().who())
class Shape:
    def area(self):
        raise NotImplementedError("subclass must implement")
try:
    Shape().area()
except NotImplementedError as e:
    print("NotImplementedError:", e)
