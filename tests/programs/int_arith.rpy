# Integer arithmetic: + - * // % ** << >> & | ^ ~, unary ops, literals,
# floor division and modulo with negative operands, augmented assignment.

BIG = 1 << 62
MASK = 0xFF
BITS = 0b1011
MILLION = 1_000_000
NEG = -(3 * 4) + 2


def show(label, value):
    print(label, value)


def entry_point(argv):
    show("add", 7 + 5)
    show("sub", 7 - 12)
    show("mul", -6 * 7)
    show("floordiv", 7 // 2)
    show("neg floordiv", -7 // 2)
    show("floordiv neg divisor", 7 // -2)
    show("both neg", -7 // -2)
    show("mod", 7 % 3)
    show("neg mod", -7 % 2)
    show("mod neg divisor", 7 % -2)
    show("both neg mod", -7 % -2)
    print("exact neg", -8 // 2, -8 % 2)
    show("pow", 2 ** 10)
    show("pow 3^4", 3 ** 4)
    show("pow zero", 5 ** 0)
    show("neg base pow", (-2) ** 3)
    show("unary minus pow", -2 ** 2)
    show("lshift", 1 << 10)
    show("rshift", 1024 >> 3)
    show("neg rshift", -16 >> 2)
    show("neg rshift odd", -17 >> 1)
    show("and", 12 & 10)
    show("or", 12 | 10)
    show("xor", 12 ^ 10)
    show("invert", ~5)
    show("invert neg", ~-1)
    show("unary plus", +7)
    show("double neg", -(-7))
    print("hex", 0xFF, MASK, 0x7fffffff)
    print("bin", BITS, 0b1)
    show("underscore", MILLION)
    show("const expr", NEG)
    show("big", BIG)
    show("max int", BIG - 1 + BIG)
    show("precedence", 2 + 3 * 4 - 10 // 3)
    show("parens", (2 + 3) * (4 - 10) // 3)
    show("mixed bitops", (5 | 2) & ~1 ^ 8)
    show("shift prec", 1 + 2 << 3)
    x = 100
    x += 5
    show("+=", x)
    x -= 10
    show("-=", x)
    x *= 3
    show("*=", x)
    x //= 4
    show("//=", x)
    x %= 50
    show("%=", x)
    x &= 0x3C
    show("&=", x)
    x |= 0x101
    show("|=", x)
    x ^= 0xF0
    show("^=", x)
    x <<= 4
    show("<<=", x)
    x >>= 2
    show(">>=", x)
    y = -x
    show("neg var", y)
    print("neg var floordiv", y // 7, y % 7)
    print("abs", abs(y), abs(42), abs(0))
    total = 0
    i = 1
    while i <= 100:
        total += i * i
        i += 1
    show("sum of squares", total)
    # a hash-like mixing loop staying in 64-bit range
    h = 5381
    for c in "hello":
        h = (h * 33 + ord(c)) % 1000000007
    show("djb2 mod", h)
    print("compare", 3 < 5, 5 <= 5, 7 > 8, 2 >= 3, 4 == 4, 4 != 4)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
