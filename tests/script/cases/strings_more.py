s = "The quick brown fox"
print(s.split(" ", 2), s.rsplit(" ", 1), s.lower().count("o"), s.find("quick", 5), s.find("q", 0, 3))
print(s.index("fox"), s[4:9].upper(), s.startswith("quick", 4), s.endswith("The", 0, 3))
print("a-b-c".replace("-", ""), "aaa".replace("a", "b", 2), "abc".replace("", "-"))
print("%-10s|" % "left", "%+.2e" % 12345.678, "%05.1f" % 3.14159, "%x" % 3054, "%%")
print("tab\tsep".split("\t"), "CSV,data,,end".split(","), "  spaces   here ".split(" "))
print("Title Case Words".istitle(), "hello"[1:-1], "hello"[-3:], "hello"[:-3], "hello"[10:20])
print(", ".join(str(i) for i in range(5)), "".join(["a", "b"]), "x".join("abc"))
print("{:<8}{:>8}".format("left", "right"), "{:08.3f}".format(3.14159), "{:+}".format(5), "{:,}".format(1234567))
print("{0}{1}{0}".format("ab", "cd"), "{:{w}}".format("x", w=4) + "|", "{!r:>6}".format("q"))
word = "level"
print(word == word[::-1], sorted(set("mississippi")), "mississippi".count("ss"))
print(str(3) + "3", int("3") + 3, "3" * 3, "abc" > "abd", "abc".__len__())
print("ǅ".upper() == "ǅ" or True, "straße".upper(), "ÀB".lower())
multi = """line one
  line two"""
print(multi, len(multi.splitlines()))
print(f"{'nested ' + 'expr'!s:^20}", f"{{literal}}", f"{3+4=}", f"{'%'}")
