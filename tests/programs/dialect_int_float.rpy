# not-cpython: rpy's ints stay ints and an int meeting a float is a float: `min(2.5, 1)` is 1.0 (CPython: 1), `int ** negative int` raises ValueError (CPython: a float), and so does `negative float ** fractional float` (CPython: a complex)
# Every mode agrees on these places where the dialect differs from Python.


def power(b, e):
    try:
        return b ** e
    except ValueError as exc:
        print("ValueError:", str(exc))
        return -1


def entry_point(argv):
    k = len(argv)
    print(min(2.5, k), max(k, 0.5), min(k, 3), max(0.25, 0.75))
    print(power(2, k + 2), power(2, k - 3), power(0, -k))
    print(2.0 ** (k - 3))
    try:
        print((-8.0 * k) ** 0.5)
    except ValueError as exc:
        print("ValueError:", str(exc))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
