#!/usr/bin/env python3
"""Regenerates the expected parser results in data/ from the real interpreter.

Run with CPython 3.11:  python3 tests/syntax/make_expected.py
  data/syntax_errors.json  for each bad snippet, the SyntaxError that `python3 f.py`
                           reports (type, msg, lineno, offset, end_lineno,
                           end_offset) and the lines it prints on stderr.
  data/valid_dumps.json    for each good snippet, ast.dump(ast.parse(src)), without and
                           with positions (include_attributes=True).
Errors are captured from a real `python3 f.py` run (through a sys.excepthook
installed by sitecustomize), because that is what a user compares Loopscope with:
it differs from compile(str) for null bytes and invalid UTF-8.
"""
import ast, base64, json, os, subprocess, sys, tempfile, warnings
warnings.simplefilter("ignore")

assert sys.version_info[:2] == (3, 11), "expected output must come from CPython 3.11"

BAD = [
    # missing colons
    "if x\n    pass\n", "if x == 1\n", "while True print(1)\n", "for x in y\n  pass\n",
    "def f()\n  pass\n", "class A\n  pass\n", "try x:\n pass\n", "elif x:\n pass\n",
    "if x:\n  pass\nelse\n  pass\n", "with open(x) as f\n  pass\n", "if x:\n pass\nelif y\n pass\n",
    "try:\n  pass\nexcept ValueError\n  pass\n", "try:\n  pass\nfinally\n  pass\n",
    "class A(B)\n  pass\n", "async def f()\n  pass\n", "def f() -> int\n  pass\n",
    # brackets
    "x = (1,\n", "x = (1,\ny = 2\n", "x = [1, 2\n", "d = {1: 2,\n\n\n", "x = (1]\n", "x = (1,\n 2]\n",
    "x = )\n", "x = ]\n", "foo(a, b\nbar()\n", "x = {'a': [1, 2)}\n", "print('hi'))\n",
    "x = " + "(" * 201 + ")" * 201 + "\n", "f(\n", "if (x:\n  pass\n",
    # strings
    "s = 'abc\n", 's = "abc\n', "s = 'abc", 's = """abc\n\nx = 1\n', "s = '''abc",
    "x = 1\ns = 'it''s\n", "b'\xc3\xa9'\n".encode().decode(), "s = '\\x1'\n", "s = '\\x'\n",
    "s = '\\u12'\n", "s = '\\U0011ffff'\n", "x = b'\\u1234' + 'é'\ny = b'é'\n",
    # f-strings
    "f'{}'\n", "f'{x!z}'\n", "f'{x'\n", "f'}'\n", "f'{a b}'\n", "f'{x!}'\n", "f'{#}'\n",
    "f'{x:{y:{z}}}'\n", "f'{ }'\n", "f'{x!r=}'\n", "f'{=}'\n", "f'{x:}}'\n", "f'{lambda x:1}'\n",
    "f'{yield}'\n", "f'{a = 1}'\n", "f'{)}'\n", "f'{(}'\n", "f'{*}'\n", "f'{x!rr}'\n",
    # indentation
    "if x:\n    a\n  b\n", "if x:\npass\n", "if x:\n", "a\n  b\n", "def f():\nreturn 1\n",
    "for x in y:\n# c\nx\n", "while x:\n\n", "class C:\n\nx = 1\n", "try:\nx\n", "with a:\nb\n",
    "if x:\n  a\nelse:\nb\n", "if x:\n  a\nelif y:\nb\n", "try:\n a\nexcept:\nb\n", "try:\n a\nfinally:\nb\n",
    "async def f():\n  async with a:\n  b\n", "def f():\n\tif x:\n        a\n\tb\n",
    "if x:\n\ta\n        b\n", "if x:\n        a\n\tb\n", "  x = 1\n", "x = 1\n    y = 2\n",
    "for x in y:\n  pass\n else:\n  pass\n", "class A:\n  def f(self):\n      pass\n    x = 1\n",
    "".join(" " * i + "if x:\n" for i in range(101)) + " " * 101 + "pass\n",
    # numbers
    "x = 1abc\n", "x = 0777\n", "x = 1_\n", "x = 1__0\n", "x = 0x\n", "x = 0xg\n", "x = 0o8\n",
    "x = 0o\n", "x = 0b2\n", "x = 0b\n", "x = 1e\n", "x = 1e+\n", "x = 1.5j2\n", "x = 0_x\n",
    "x = 1.e5x\n", "x = 5_000_\n", "x = 0b1_\n", "x = 09.5e\n",
    # assignment targets
    "1 = x\n", "f() = 1\n", "f() = 1 +\n", "x + 1 = 2\n", "a, f() = 1, 2\n", "[a, 1] = x\n",
    "True = 1\n", "None = 1\n", "x = f() = 1\n", "(a, b) += 1\n", "a, b += 1\n", "f() += 1\n",
    "del f()\n", "del 1\n", "del (a, 1)\n", "for 1 in x:\n  pass\n", "for f() in x:\n  pass\n",
    "with a as 1:\n  pass\n", "x = yield = 1\n", "lambda: x = 1\n", "a if b else c = 1\n",
    "'s' = 1\n", "f'{x}' = 1\n", "x.y += z += 1\n", "[x for x in y] = 1\n", "{a: b} = c\n",
    "a < b = c\n", "not a = b\n", "(x := 1) = 2\n", "... = 1\n", "x, y: int = 1, 2\n",
    "[x]: int\n", "f(): int\n", "(a, b): int = 1\n", "*a, *b = c\n", "import a.b as c.d\n",
    "def f(x=1, y):\n  pass\n", "def f(*, **k):\n  pass\n", "def f(*):\n  pass\n",
    "def f(**k, a):\n  pass\n", "def f(*a, *b):\n  pass\n", "def f(/):\n  pass\n",
    "def f(a, /, b, /):\n  pass\n", "def f(*, a, /):\n  pass\n", "lambda x=1, y: 0\n",
    "def f(a, a=1, *, b, **c, d):\n  pass\n", "def f(**k=1):\n  pass\n", "def f(*a=1):\n  pass\n",
    # calls and expressions
    "print(1 2)\n", "print 'hello'\n", "f(a=1, 2)\n", "f(**k, *a)\n", "f(x for x in y, 1)\n",
    "f(a.b=1)\n", "f(True=1)\n", "f(a, b for b in c)\n", "x = 1 if y\n", "x = [1, 2 3]\n",
    "x = {1: 2, 3}\n", "x = {1: }\n", "x = {1: 2, **}\n", "[*a for a in b]\n", "{**a for a in b}\n",
    "x = 5 +* 3\n", "a b\n", "x := 1\n", "if x = 1:\n  pass\n", "while x = 1:\n  pass\n",
    "x = 1 = 2\n", "a[1:2:3:4]\n", "x = not\n", "x = 1 if 2 else\n", "raise X from\n",
    "from x import a,\n", "from x import (a, b,)\nfrom y import\n", "import\n", "from . import *, a\n",
    "[x, y for x in z]\n", "x = (1 for x in y) = 2\n", "f(a for a in b for)\n", "x = a.1\n",
    "x = 1 +\n", "x = -\n", "x <> y\n", "x = $\n", "x = a ? b\n", "x = `a`\n", "x = a !b\n",
    "else:\n  pass\n", "x = (yield\n", "f(*)\n", "f(**)\n", "x = [*]\n", "await\n",
    "def f(:\n  pass\n", "class A(:\n  pass\n", "x = [1, 2,, 3]\n", "x = (,)\n", "x = 1,,\n",
    "assert\n", "del\n", "return return\n", "global x, \n", "nonlocal\n", "x = lambda: yield\n",
    "try:\n  pass\n", "try:\n  pass\nx = 1\n", "try:\n  pass\nexcept* :\n  pass\n",
    "try:\n  pass\nexcept E:\n  pass\nexcept* F:\n  pass\n", "try:\n  pass\nelse:\n  pass\n",
    "async x = 1\n", "class = 1\n", "def if(): pass\n", "import def\n", "x.class = 1\n",
    "for x in range(10):\n  pass\nelse if x:\n  pass\n", "if x:\n  pass\nelse if y:\n  pass\n",
    "x = 1 +\\\n", "x = \\ y\n", "x = 1\\", "x = 'a' 'b' c\n", "async with a:\n  pass\n"[6:] + "x y\n",
    # characters and encodings
    "x\u20ac = 1\n", "x = 1 \u2018a\u2019\n", "x = \u00a0 1\n", "x = 1\x01\n", "\u00e9t\u00e9 = 1\nx = 1 @@ 2\n",
    b"x = 1\x00\n", b"x = 1\ny = 2\x00\n", b"x = \xff\n", b"x = 1\ny = '\xc3\x28'\n", b"# \xe9\nx = 1\n",
]

GOOD = [
    "x = 1\n", "x = y = z\n", "a, b = b, a\n", "a, *b = c\n", "[a, [b, *c]] = d\n", "(a), (b) = c\n",
    "x += 1\nx -= 1\nx *= 2\nx /= 3\nx //= 4\nx %= 5\nx **= 6\nx @= m\nx &= 1\nx |= 1\nx ^= 1\nx <<= 1\nx >>= 1\n",
    "x: int\n", "x: int = 1\n", "(x): int = 1\n", "a.b: int\n", "a[1]: int = 2\n",
    "def f(): pass\n", "async def f(a, b=1, *args, c, d=2, **kw) -> None:\n    return a\n",
    "def f(a, /, b, *, c):\n  pass\n", "def f(a=1, /, b=2, *c, d, **e): pass\n", "def f(*, a=1, b): pass\n",
    "def f(a: int, *b: str, c: 'x' = 3, **d: float) -> list[int]: pass\n",
    "@dec\n@dec2(1)\ndef f(): pass\n", "@a.b.c\nclass A: pass\n", "@x[0]\ndef f(): pass\n",
    "class A: pass\n", "class A(B, C, metaclass=M, **kw): x = 1\n", "class A(): pass\n",
    "lambda: 0\n", "lambda x, y=1, *a, z, **k: x\n", "lambda *, a: a\n", "lambda a, /, b: a\n",
    "f = lambda x: lambda y: x + y\n", "def f():\n  return\n  return 1, 2\n", "del a, b[1], c.d\n", "del (a, b), [c]\n",
    "for i in range(10):\n  if i: break\n  else: continue\nelse:\n  pass\n",
    "while x:\n  x -= 1\nelse:\n  y = 2\n", "for a, b in c: pass\n", "for (a, b) in c: pass\n",
    "for x, in y: pass\n", "for *a, b in c: pass\n",
    "if a:\n  pass\nelif b:\n  pass\nelif c:\n  pass\nelse:\n  pass\n",
    "with a: pass\n", "with a as b, c as (d, e): pass\n", "with (a as b, c): pass\n",
    "with (a, b): pass\n", "with (a as b,\n      c as d,): pass\n", "async def f():\n  async with a as b: pass\n  async for x in y: pass\n  await z\n",
    "try:\n  pass\nexcept E:\n  pass\nexcept (A, B) as e:\n  pass\nexcept:\n  pass\nelse:\n  pass\nfinally:\n  pass\n",
    "try:\n  pass\nfinally:\n  pass\n", "try:\n  pass\nexcept* E:\n  pass\nexcept* (A, B) as g:\n  pass\n",
    "raise\n", "raise X\n", "raise X from Y\n", "assert x\n", "assert x, 'msg'\n",
    "import a\n", "import a.b.c as d, e\n", "from a import b\n", "from a.b import (c as d, e,)\n",
    "from . import x\n", "from .. a import *\n", "from ...x import y\n", "from .... import z\n",
    "def f():\n  global a, b\n  nonlocal c\n", "pass; pass;\n", "x = 1; y = 2\n",
    "x = (y := 5)\n", "if (n := len(a)) > 10: pass\n", "f(x := 1)\n", "[y := 1, y**2]\n",
    "x = a if b else c\n", "x = a or b and not c or d\n", "x = a and b and c\n", "x = not not a\n",
    "a < b <= c > d >= e == f != g\n", "a in b not in c is d is not e\n", "x = a | b ^ c & d << e >> f\n",
    "x = a + b - c * d / e // f % g @ h\n", "x = -a + +b - ~c\n", "x = a ** -b ** c\n", "x = -a ** 2\n",
    "async def f():\n  return await a ** 2\n", "x = a.b.c(d)[e](f)\n",
    "x[1]\nx[1:2]\nx[::2]\nx[1:2, 3]\nx[:, ::-1]\nx[a, b]\nx[()]\nx[1:]\nx[:2]\nx[*a]\n",
    "f(a, *b, c=1, **d)\n", "f(*a, *b, **c, **d)\n", "f(a)(b)(c)\n", "f(x for x in y)\n", "f(a, b=1, *c)\n",
    "x = [1, 2, *a]\n", "x = (1, 2)\n", "x = (1,)\n", "x = ()\n", "x = 1,\n", "x = {}\n", "x = {1, 2, *a}\n",
    "x = {'a': 1, **b, 'c': 2}\n", "x = [a for a in b if a if not a]\n", "x = {a for a in b}\n",
    "x = {a: b for a, b in c}\n", "x = (a for a in b for c in a)\n",
    "async def f():\n  return [await a async for a in b]\n", "x = [[a for a in b] for b in c]\n",
    "def g():\n  yield\n  yield 1\n  x = yield 2\n  yield from y\n  await (yield)\n",
    "x = 0\nx = 123\nx = 0x1F\nx = 0o17\nx = 0b101\nx = 1_000_000\nx = 0xFFFF_FFFF_FFFF_FFFF_FFFF\n",
    "x = 123456789012345678901234567890\nx = 0\nx = 00\nx = 0_0\n",
    "x = 1.5\nx = .5\nx = 5.\nx = 1e10\nx = 1E-5\nx = 1_0.2_5e1_0\nx = 0.1\nx = 1e100\nx = 1e400\nx = 123456789.0\n",
    "x = 1j\nx = 2.5j\nx = 1e3J\nx = 0j\nx = 10_0j\n", "x = 1e16\nx = 1e15\nx = 0.0001\nx = 0.00001\nx = 3.14159\n",
    "x = None\nx = True\nx = False\nx = ...\n",
    "s = 'abc'\ns = \"abc\"\ns = '''a\nb'''\ns = \"\"\"x\"\"\"\n", "s = 'a\\nb\\tc\\\\d\\'e\\\"f'\n",
    "s = '\\x41\\101\\u00e9\\U0001F600'\n", "s = r'\\n\\x'\ns = R'a'\ns = u'b'\n", "s = b'a\\x00\\xff'\ns = rb'\\d'\ns = Br'x'\ns = bR'y'\n",
    "s = 'a' 'b'\ns = 'a' f'{b}' 'c'\n", "s = ('a'\n     'b')\n", "s = 'a\\\nb'\n", "s = '\\q'\n", "s = '\\0\\7\\77\\777'\n",
    "s = f'{x}'\ns = f'a{x}b{y}c'\ns = f'{x!r}'\ns = f'{x!s:>10}'\ns = f'{x!a}'\n",
    "s = f'{x:{w}.{p}}'\ns = f'{x=}'\ns = f'{x = }'\ns = f'{x=!s}'\ns = f'{x=:>5}'\n",
    "s = f'{{}}'\ns = f'{{x}}'\ns = f'a{{'\ns = f'{x}}}'\n", "s = f'{\"a\"}'\ns = f'''{'a'}'''\n",
    "s = rf'\\n{x}'\ns = Fr'{x}'\ns = fR'{x}'\n", "s = f'{x:%H:%M}'\n", "s = f'{a[1]}{b.c}{d(e)}'\n",
    "s = f'{x}' f'{y}'\n", "s = f''\ns = f'' ''\n", "s = f'{x:}'\n", "s = f'{ x }'\n", "s = f'{(lambda: 1)()}'\n",
    "s = f'{x!r:^{w}}'\n", "s = f'\\n{x}\\t'\n", "s = f'{3.14:.2f}'\n", "s = f'{x}' 'a' 'b' f'c'\n",
    "s = 'é'\ns = '日本'\ns = '\\u2603'\n", "s = 'a\\tb\\x00\\x7f\\x80'\n", "s = \"it's\"\ns = 'say \"hi\"'\ns = 'both \\' and \"'\n",
    "x = (1 +\n     2)\n", "x = 1 + \\\n    2\n", "# comment\n\n\nx = 1  # trailing\n\n# end\n",
    "if x:\n\tpass\n", "if x:\n\ta\n\tb\n", "if x:\n  if y:\n    pass\n  z\nw\n",
    "def f():\n    return 1\n\n\n\nclass A:\n    pass\n", "x = 1", "if x:\n  pass", "\n\n", "",
    "\ufeffx = 1\n", "x = [\n  1,\n  2,\n]\n", "f(a,\n  b)\n", "x = {\n  'a': 1,\n}\n",
    "@property\ndef f(self): pass\n", "async def main():\n    async with asyncio.timeout(1):\n        await asyncio.sleep(0.5)\n",
    "async def main():\n    async with asyncio.TaskGroup() as tg:\n        t = tg.create_task(work(1), name='w')\n    print(f'{t.result()=}')\n",
    "x = a[1][2].b(c)[d:e]\n", "x = [i * 2 for i in range(10) if i % 2 == 0]\n", "x = -1\nx = - 1\nx = +1\n",
    "print(*args, sep='')\n", "x = (yield)\n", "x = a if b else c if d else e\n",
    "x = lambda: (yield)\n", "x = [lambda: i for i in range(3)]\n", "x = (a for b in c if d if e for f in g)\n",
    "x = {**a}\nx = {**a, **b}\n", "x = a @ b\n", "x = a // b\n", "x = not a == b\n", "x = a is not None\n",
    "x = a not in b\n", "x = (a, b) = c\n", "x = y = (1, 2)\n", "x = (\n)\n", "x = [\n]\n",
    "async def f():\n  x = [y async for y in z if await y]\n  return {k: await v for k, v in d}\n",
    "while 1:\n  if x:\n    break\n  continue\n", "def f():\n  '''doc'''\n  return\n",
    "x.y = 1\nx[0] = 2\nx.y.z, x[1:2] = 3, 4\n", "x = 1 if True else 2\n", "t = 1,2,\n",
    "x = ~a\nx = a<<1>>2\n", "x = 1 < 2 < 3\n", "x = f(*a)(**b)\n", "x = a.b[c].d\n",
    "s = 'line\\\ncont'\n", "s = '''\\\nx'''\n", "s = u'x' 'y'\n", "import a as b\n",
    "try:\n  x\nexcept A as e:\n  raise B from e\n", "with a as (b, c): pass\n", "with a as b.c: pass\n",
    "with a as b[0]: pass\n", "for x[0] in y: pass\n", "for x.y in z: pass\n",
    "if x:\n  pass\n  # comment at deeper level\n    # odd comment\nelse:\n  pass\n",
    "x = (  # comment\n  1)\n", "def f(\n  a,\n  b,\n): pass\n", "f(\n  a,\n)\n",
    "x = 1;\n", "if x: a; b\n", "class A:\n  x: int = 0\n  def f(self) -> 'A': return self\n",
    "x = 10 ** 20\n", "x = 1_2_3\n", "x = 0x_ff\n", "x = 0O_7\n", "x = 0B_1\n", "x = 1__\n"[:-3] + "\n",
    "x = 'a' \\\n  'b'\n", "x = not -a\n", "x = a[b, c:d]\n", "x = a[b:c, d:e:f]\n", "a[1:2] = b\n",
    "print(1, end='')\nprint()\n", "x = [*a, *b]\n", "x = (*a, b)\n", "*a, = b\n", "a = *b, c\n",
    "x = {1: 2}\n", "x = f'{x:{y}}'\n", "x = f'{x!r:{y}}'\n", "x = f'{x:>{w}.{p}f}'\n",
    "s = f'{x:\\n}'\n", "s = f'{\"\\n\".join(a)}'\n"[:0] + "s = f'{a!r}' \\\n    f'{b}'\n",
]

BAD += [
    # forced and optional colons, headers
    "def f() x:\n pass\n", "for x in y z:\n pass\n", "class A x:\n pass\n", "with a b:\n pass\n",
    "while x y:\n pass\n", "if x:\n pass\nelse x:\n pass\n", "def f(x) -> int x:\n pass\n",
    "try:\n pass\nexcept E x:\n pass\n", "def f x:\n pass\n", "if x  # c\n  pass\n",
    "for x in y  # c\n  pass\n", "def f(a=):\n  pass\n", "def f(/, a):\n  pass\n",
    "try:\n  pass\nexcept A, B:\n  pass\n", "try:\n  pass\nexcept:\n  pass\nfinally x:\n  pass\n",
    "async x\n", "@dec\nx = 1\n", "@dec\n", "class A(x for x in y): pass\n",
    "def f(a, *, b=1, c):\n  pass\nf(c=1, 2)\n", "lambda *: 0\n", "lambda **k, a: 0\n",
    # assignment hints
    "f(), a = 1, 2\n", "f(), a.b = 1, 2\n", "lambda x: x = 1\n", "x = {a: b c}\n", "a, b = c d\n",
    "f(a, b c)\n", "f(a for a in b, c)\n", "[x, for x in y]\n", "(a, b) = c = f() = 1\n", "a.b = c() = d\n",
    "x = [i for i in range(3) if i = 1]\n", "if a.b = 1:\n  pass\n", "if (a := 1) = 2:\n  pass\n",
    "while f(x) = 3:\n  pass\n", "x[a=1]\n", "if a.b := 1:\n  pass\n", "f(x=1 for x in y)\n",
    "(*a) = 1\n", "print(*a) = 1\n", "-x = 1\n", "await x = 1\n", "x ** 2 = 4\n", "{1, 2} = x\n",
    "(x for x in y) += 1\n", "del a, f()\n", "del [a, (b, 1)]\n", "del *a\n", "del a + 1\n",
    "for x, f() in y: pass\n", "for a.b() in c: pass\n", "[x for 1 in y]\n",
    "with a as f(): pass\n", "with a as (b, 1): pass\n", "x: int, y: int = 1\n", "x, = 1 = 2\n",
    "print 'a', 'b'\n", "print x\n", "exec 'code'\n", "print f(x)\n", "if x:\n  print 'hi'\n", "x = print 'a'\n",
    # more tokens, and which error wins
    "x = 1\ny = 'abc\nz = 2\n", "x = (1,\n     2,\n", "def f(\n  a,\n  b\n", "x = [\n  1\n  2\n]\n",
    "x = 1 +* 2\ny = 'unterminated\n", "x = = 1\ny = 0777\n", "if x\n  pass\nz = '''a\n",
    "x = 0b12\n", "x = 0o19\n", "x = 0x1g\n", "x = 1_000.0_\n", "x = 1.0e_5\n", "x = 1e5_\n", "x = 123abc\n",
    "x = 0xfor\n", "x = 1if 1else 0\ny = 1 2\n", "x = 1_000_000j_\n", "x = .5.5\n", "x = 1..2\n",
    "s = f'{x!r:{y!z}}'\n", "s = f'{a}{b c}'\n", "s = f'{a!r}' f'{}'\n", "s = f'''{\n}'''\n",
    "s = f'{\\n}'\n", "s = f'{x:{y}{z:{w}}}'\n", "s = f'{\\'a\\'}'\n", "s = f'{x:{}}'\n",
    "s = f'{x}}'\n", "s = f'{x!s:{y}'\n", "s = f'{a[}'\n", "s = f'{a(]}'\n",
    "s = b'a' 'b'\n", "s = 'a' b'b'\n", "s = f'a' b'b'\n", "s = b'\\x4'\n",
    "s = '\\U0000004'\n", "s = 'é\\x4'\n", "s = rb'é'\n",
    "x = 1\n\tif y:\n", "if x:\n\tif y:\n\t    a\n        b\n", "\tx = 1\n", "if x:\n  a\n    b\n",
    "class A:\n  x = 1\n y = 2\n", "if x:\n  pass\n  else:\n  pass\n", "def f():\n  '''doc'''\n    return\n",
    "x = (1 +\n2) 3\n", "x = [1,\n2\n3]\n", "foo(\n  a\n  b\n)\n", "d = {\n 'a': 1\n 'b': 2\n}\n",
    "import a.\n", "from . import\n", "from .a import b c\n", "import a as\n", "from a import (b\n",
    "global\n", "nonlocal 1\n", "assert x,\n", "raise from x\n", "return *\n", "x = yield from\n",
    "x = lambda: pass\n", "x = lambda a b: 0\n", "x = lambda (a): 0\n", "def f(a b): pass\n", "def f(a, a b): pass\n",
    "class A(metaclass=M, B): pass\n", "f(**a, b)\n", "f(a=1, *b, c)\n", "f(a, *b, c=1, d)\n",
    "x = a if b else c if d\n", "x = (a if b)\n", "x = [a if b for c in d]\n", "x = a if b else\n",
    "x = not a b\n", "x = a and\n", "x = a or or b\n", "x = a is not not b\n", "x = a not b\n",
    "x = a[]\n", "x = a[,]\n", "x = a.\n", "x = a..b\n", "x = {**}\n",
    "x = {1: *a}\n", "x = {*a: 1}\n", "x = [**a]\n", "x = (**a)\n",
    "async def f():\n  async x = 1\n", "async def f():\n  await = 1\n", "x = await\n", "def f():\n  yield = 1\n",
    "with (a as b, c as d\n  pass\n", "with (a as b) c:\n  pass\n", "with a as b, :\n  pass\n",
    "for x in :\n  pass\n", "for in y:\n  pass\n", "while:\n  pass\n", "if:\n  pass\n", "elif:\n",
    "x = 1 if else 2\n", "class 1A: pass\n", "def 1f(): pass\n", "x = 5 5\n", "x = 'a' 5\n", "x = None None\n",
    "x = [1, 2,\n", "def f((a, b)): pass\n", "def f(x, (a)): pass\n", "lambda *, **k: 0\n",
    "lambda x, (a, b): 0\n", "x = {1: *a, 2: 3}\n", "f(a, b for b in c, d)\n", "class A(B, x for x in y): pass\n",
]

GOOD += [
    "s = f'''{\nx\n}'''\n", "s = f'''a\n{b!r}\nc{d:>{e}}'''\n", "s = f\"{'a'}\"\n",
    "s = f'{x:{y}}' 'z' f'{w}'\n", "s = f'{a}' r'\\n'\n", "s = f'{x!r}=' f'{y=}'\n",
    "s = f'{x:=^10}'\n", "s = f'{x == y}'\n", "s = f'{x != y}'\n", "s = f'{x < y}'\n",
    "s = f'{(x := 1)}'\n", "s = f'{[a for a in b]}'\n", "s = f'{ {1: 2}[1] }'\n", "s = f'{a:{b}x{c}y}'\n",
    "s = f'{\"{\"}'\n", "s = f'{x}\\n{y}'\n",
    "s = '\\x41\\x42' '\\u00e9' r'\\u00e9'\n", "s = b'\\x41' rb'\\x41' b'\\101'\n", "s = '\\8\\9'\n",
    "x = 0.0\nx = 1e-7\nx = 1.5e300\nx = 2.5e-300\nx = 1e22\nx = 123456789012345678.0\nx = 0.1e1\n",
    "x = 1_0j\nx = 1e-3j\nx = 1e20j\nx = .5j\n", "x = 0b0\nx = 0o0\nx = 0x0\nx = 0xdeadbeef\n",
    "@a\n@b.c(d, e=f)\n@g[0].h\nclass A(B):\n  @staticmethod\n  def f(): pass\n",
    "def f(a, b, /):\n  pass\n", "def f(*, a): pass\n", "def f(a=1, /, *, b): pass\n", "def f(*args, **kwargs): pass\n",
    "lambda: (yield)\n", "lambda *a, **k: 0\n", "lambda a=1, *b, c=2, **d: 0\n",
    "async def f():\n  async for a, b in c:\n    pass\n  else:\n    pass\n", "async def f():\n  async with a as b, c as d:\n    pass\n",
    "async def f():\n  return (await x for x in y)\n", "async def f():\n  return {await a async for a in b}\n",
    "x = a if b else (c if d else e)\n", "x = (a if b else c) if d else e\n", "x = lambda: a if b else c\n",
    "x = [a for b in c for a in b if a]\n", "x = {a: b for a in c if a for b in a}\n", "x = a[b][c:d][e, f:g]\n",
    "x = a.b.c.d.e\n", "x = f()()()\n", "x = f(a)(b)[c].d(e)\n", "x = (a)(b)\n", "x = (a, b)[0]\n",
    "x = -(-(-a))\n", "x = a - -b\n", "x = a ** b ** c\n", "x = (a ** b) ** c\n", "x = a * (b + c) / d\n",
    "x = a << b + c\n", "x = a | b & c ^ d\n", "x = a < b == c\n", "x = not a in b\n", "x = a if not b else c\n",
    "if a: pass\nelif b: pass\nelse: pass\n", "while True: break\n", "for x in y: continue\n",
    "try: pass\nexcept: pass\n", "class A:\n  '''doc'''\n  x: int\n  y: str = ''\n  def __init__(self, x): self.x = x\n",
    "x = [1,\n     2,  # comment\n     3]\n", "def f():\n\n    # c\n\n    return 1\n", "if x:\n    pass\n\n\n\n",
    "x = \\\n  1\n", "if a and \\\n   b:\n    pass\n", "x = (\n  1\n  ,\n)\n",
    "a = b = c = d\n", "a[0], b.c = 1, 2\n", "[a, b], c = d\n", "a, (b, [c, *d]) = e\n", "x = *a, *b\n",
    "f(*a, b)\n", "f(a, *b, c, **d, e=1)\n", "f(a=1, *b)\n", "f(**a, b=1)\n", "print(*[1], **{})\n",
    "x = 'a' \\\n    'b' \\\n    'c'\n", "x = ('a'\n  f'{b}'\n  'c')\n", "s = ''\ns = \"\"\ns = ''''''\n",
    "s = '\\\\'\ns = '\\''\ns = \"\\\"\"\n", "s = 'tab\\there'\ns = 'nul\\0here'\ns = 'bell\\a'\n",
    "x = 1if y else 2\n", "x = [0x1for x in y]\n", "x = 1or 2\n", "s = '\\ud800'\n", "s = 'a\\N'\n"[:0] + "s = '€😀\\u00a0\\u200b'\n",
    "é = 1\nnaïve = é\n", "ｗｉｄｔｈ = 1\nµ = ﬁle.ｘ(ｋｗ=2)\n", "s = f'{x:{{}}}'\n"[:0] + "s = f'{{{x}'\n", "s = f'{ x = !r}'\n", "x = f(a)[b](c)\n", "raise\n", "def f():\n  return\n",
]


BAD += [
    # found by mutating the standard library
    "if x:\n    elifsize > 2:\n        pass\n", "def_get_source(func):\n    pass\n",
    "access = a.READ |        obsize, ibsize = bufsize, bufsize\n", "if __name__ == '__main__':=:\n    main()\n",
    "class Complex(Numbe    '''Complex numbers.\n\n    More text.\n    '''\n    x = 1\n",
    "def f():\n    re[turn 'voc', rate, 1, -1, 8\n\ntests.append(f)\n",
    "g({k: v for k, v n vars(_).items() if k[:2] != '__'})\n",
    "d = {'A': '',\n     'B': 'x '\n          'y 'C': '\\\\',\n     'D': 1,\n",
    "x = [1,\n     2 \\ 3]\n", "def f(a, /*, b):\n    pass\n", "for x, y z in w:\n    pass\n",
    "x = [a for a b in c]\n", "with open(f) as g h:\n    pass\n", "print(f'{a!r} {b:{c}' d)\n",
]


BAD += [
    # f-string corners
    "s = f'{1abc}'\n", "s = f'{x!r:{y!s:{z}}}'\n", "s = f'{x:{y:{z}}}'\n", "s = f'{'a'}'\n", "s = f'{\"a}'\n",
    "s = f'{x}' f'{'\n", "s = f'''{x\n'''\n", "s = f'{x:{'\n", "s = f'{:x}'\n", "s = f'{!r}'\n",
    "s = f'{a:=1}'\n"[:0] + "s = f'{a b c}'\n", "s = f'{a,,}'\n", "s = f'{a)}'\n", "s = f'{[}'\n",
    "s = f'{x}' + f'{y z}'\n", "s = f'{x!}'\n", "s = f'{x:}' f'{=}'\n", "s = f'{{}' '{'\n",
    "s = f'{f(1 2)}'\n", "s = f'{x:{y z}}'\n", "s = rf'{\\d}'\n", "s = fr'{x!r}{'\n",
    "s = f'{x}\n", "s = f'''{x}\n", "s = f'a' f'b\n",
    # more statements
    "x = 1; ;\n", "; x = 1\n", "x = 1;;\n", "global x = 1\n", "return x = 1\n", "del x = 1\n",
    "def f(True): pass\n", "import True\n", "x.True = 1\n", "f(None=1)\n", "class A(True=1): pass\n",
    "async def f():\n  await x = 1\n", "def f():\n  yield x = 1\n", "x = (yield) = 1\n", "(yield) = 1\n", "(yield x) += 1\n", "x = yield from y = 1\n",
    "with a as b as c:\n  pass\n", "try:\n  pass\nexcept E as e.f:\n  pass\n", "try:\n  pass\nexcept E as (e):\n  pass\n",
    "raise E from F from G\n", "assert x, y, z\n", "import a, \n", "from a import b as c as d\n",
    "lambda x: yield\n", "lambda: *a\n", "x = [*a, **b]\n", "x = {*a, **b}\n", "x = {**a, *b}\n",
    "a = 1 if b else c = 2\n", "a, *b, *c = d\n"[:0] + "[a, *b] += 1\n", "x = -\n", "x = ~\n",
    "if True:\n    pass\n  else:\n    pass\n", "for x in y:\n    pass\nelif z:\n    pass\n",
    "while x:\n    pass\nexcept:\n    pass\n", "def f():\n    pass\n  return\n",
]


def run_file(src: bytes, tmp: str):
    path = os.path.join(tmp, "f.py")
    with open(path, "wb") as f:
        f.write(src)
    env = dict(os.environ, PYTHONPATH=tmp, PYTHONIOENCODING="utf-8")
    r = subprocess.run([sys.executable, "-W", "ignore", "f.py"], cwd=tmp, env=env, capture_output=True)
    out = r.stdout.decode("utf-8")
    info = json.loads(out) if out.strip() else None
    if info and "msg" in info:
        info["msg"] = info["msg"].replace(path, "f.py")
    return info, r.stderr.decode("utf-8", "replace").replace(path, "f.py")

HOOK = '''import sys, json
def hook(t, v, tb):
    info = {"type": t.__name__}
    if isinstance(v, SyntaxError):
        info.update(msg=v.msg, line=v.lineno or 0, offset=v.offset or 0,
                    end_line=v.end_lineno or 0, end_offset=v.end_offset or 0)
    print(json.dumps(info))
    sys.__excepthook__(t, v, tb)
sys.excepthook = hook
'''

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_errors, out_valid = [], []
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "sitecustomize.py"), "w") as f:
            f.write(HOOK)
        for snippet in BAD:
            src = snippet if isinstance(snippet, bytes) else snippet.encode("utf-8")
            info, stderr = run_file(src, tmp)
            if info is None or not info.get("msg"):
                print(f"skipped, it does not fail: {snippet!r}")
                continue
            try:
                ast.parse(src)
                parser_error = not is_utf8(src)  # a file run checks comments too
            except (SyntaxError, ValueError):
                parser_error = True
            if not parser_error:
                print(f"skipped, the compiler rejects it, not the parser: {snippet!r}")
                continue
            entry = {"src_b64": base64.b64encode(src).decode()} if b"\0" in src or not is_utf8(src) \
                else {"src": src.decode("utf-8")}
            entry.update(info)
            entry["stderr"] = stderr
            out_errors.append(entry)
    for src in GOOD:
        tree = ast.parse(src.encode("utf-8"))
        out_valid.append({"src": src, "dump": ast.dump(tree),
                          "dump_with_positions": ast.dump(tree, include_attributes=True)})
    os.makedirs(os.path.join(here, "data"), exist_ok=True)
    with open(os.path.join(here, "data", "syntax_errors.json"), "w", encoding="utf-8") as f:
        json.dump(out_errors, f, indent=1, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(here, "data", "valid_dumps.json"), "w", encoding="utf-8") as f:
        json.dump(out_valid, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{len(out_errors)} bad snippets, {len(out_valid)} good snippets")

def is_utf8(b: bytes) -> bool:
    try:
        b.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False

if __name__ == "__main__":
    main()
