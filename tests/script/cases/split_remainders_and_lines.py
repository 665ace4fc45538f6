# split(maxsplit=N) keeps the rest as it is; splitlines knows every line boundary CPython does.
print("a b c ".split(maxsplit=1), "cmd arg\n".split(None, 1), "a   ".split(maxsplit=1), "  a b  ".split(maxsplit=0), " x  y  z ".split(None, 2))
print("a\x0cb\x85c\u2028d\x0be\x1cf\r\ng\rh".splitlines(), "a\x0cb\x85c\r\n".splitlines(True), "".splitlines(), "x\n".splitlines())
print(" a b c ".rsplit(maxsplit=1), "a b c".rsplit(None, 1))
