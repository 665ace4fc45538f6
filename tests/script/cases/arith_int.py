print(7 + 3, 7 - 10, 6 * 7, 7 / 2, 7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, 2 ** 10, 2 ** -2)
print(1 << 70, (1 << 70) >> 65, -1 >> 3, 5 & 3, 5 | 3, 5 ^ 3, ~5)
big = 2 ** 100
print(big, big * big, big // 7, big % 7, -big // 3, str(big)[:10], len(str(3 ** 500)))
print(9223372036854775807 + 1, -9223372036854775808 - 1, 9223372036854775807 * 2)
print(abs(-5), abs(-2 ** 70), divmod(17, 5), divmod(-17, 5), pow(3, 4), pow(3, 4, 5), pow(2, -1))
print(int("42"), int("-0x1f", 16), int("0b101", 0), int(3.99), int(-3.99), int(True), int("  12_000 "))
print(hex(255), oct(8), bin(-5), hex(2 ** 70))
print(round(2.5), round(3.5), round(-0.5), round(1234, -2), round(1250, -2), round(1350, -2))
print(10 == 10.0, 1 < 2.5, 2 ** 53 + 1 > 2.0 ** 53, True + True, 3 * True)
print((255).bit_length(), (-1).bit_length(), int.bit_length(1024))
x = 5
x += 3; x *= 2; x //= 3; x **= 2; x -= 1; x %= 7; x <<= 2; x |= 1
print(x)
print(hash(1), hash(-1), hash(2 ** 61), hash(2 ** 64 + 5), hash(-2 ** 70))
