#!/usr/bin/env python3
"""Expected repr()/ascii()/len() of str for tests/support/test_string_repr.cpp.

Writes string_cases.json: [text, repr(text), ascii(text), len(text), isspace/decimal info].
Run from this directory: python3 make_string_expected.py
"""
import json
import unicodedata

texts = ["", "a", "abc", "it's", 'say "hi"', "both ' and \"", "back\\slash", "\n\r\t", "\x00\x01\x1f\x7f",
         "\x80\x9f\xa0\xad", "é", "日本語", "e\u0301", "\u200b\u200e\u2028\u2029", "\ue000", "\uffff", "\ufeff",
         "😀", "\U0001f600\U000e0001", "\U0010ffff", "\u0378", "ÿĀ", "\x1b[0m", "tab\tend", "mixé\n'\"",
         "\u3000", "\u00b2\u0660", "𝟘"]
texts += [chr(c) for c in range(0x20, 0x7f)]
cases = []
for t in texts:
    cases.append([t, repr(t), ascii(t), str(len(t))])
# Single code points around table boundaries, as text so JSON stays valid UTF-8.
for c in [0x9f, 0xa0, 0xa1, 0xac, 0xad, 0xae, 0x377, 0x378, 0x37a, 0x1680, 0x2000, 0x2010, 0x202f, 0x2060,
          0xfff9, 0xfffd, 0x1d7ce, 0x1fbf0, 0x1fbfa, 0x20000, 0x2fa1e, 0xe0100, 0xf0000]:
    cases.append([chr(c), repr(chr(c)), ascii(chr(c)), "1"])

with open("string_cases.json", "w", encoding="utf-8") as f:
    json.dump(cases, f, ensure_ascii=True, indent=0)  # escapes keep U+FEFF intact
print(len(cases), "cases")
