# Float arithmetic and float printing (shortest repr), float conversions.

HALF = 0.5
THIRD = 1.0 / 3.0
SCALE = 2.5e-5


def mean(xs):
    total = 0.0
    for x in xs:
        total += x
    return total / float(len(xs))


def sqrt(x):
    # Newton's method, fixed number of steps
    guess = x / 2.0
    i = 0
    while i < 30:
        guess = (guess + x / guess) / 2.0
        i += 1
    return guess


def entry_point(argv):
    print(0.1)
    print(1e16)
    print(1e15)
    print(123456789012345678.0)
    print(3.0)
    print(1.0 / 3.0)
    print(THIRD)
    print(2.0 / 3.0)
    print(-0.0)
    print(0.0)
    print(2.5e-5)
    print(SCALE)
    print(0.0001)
    print(0.00001)
    print(float(7))
    print(float(-3))
    print(0.1 + 0.2)
    print(1.5 * 4.0)
    print(10.0 - 0.25)
    print(HALF * HALF)
    print(-1.5)
    print(1e100)
    print(1.7976931348623157e308)
    print(5e-324)
    print(100.0)
    print(1234.5678)
    print(float("2.5"))
    print(float("-0.125"))
    print(float("1e3"))
    print(float("  42  "))
    print(int(2.7), int(-2.7), int(0.9), int(-0.9), int(1e10))
    print(abs(-2.5), abs(2.5))
    print(min(1.5, 2.5), max(1.5, 2.5))
    print(1.5 < 2.5, 2.5 <= 2.5, 3.0 == 3.0, 0.1 + 0.2 == 0.3)
    print(mean([1.0, 2.0, 3.0, 4.0]))
    print(sqrt(2.0))
    print(sqrt(16.0))
    x = 1.0
    x += 0.5
    x *= 3.0
    x -= 0.25
    x /= 2.0
    print("augmented", x)
    print(str(0.1), str(1e16), str(-0.0))
    print([0.5, 1.0, 1e-7], (2.0, 0.1))
    f = 1.0
    i = 0
    while i < 20:
        f = f * 10.0
        i += 1
    print(f)
    print(float(1 << 53))
    print(bool(0.0), bool(0.5))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
