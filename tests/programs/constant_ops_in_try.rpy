# Inside try, %, //, <<, >> on two constants are folded: the block loses the
# exception exit the op had; the non-constant ones keep it.


def entry_point(argv):
    n = len(argv) - 1
    try:
        a = 7 % 3
        b = 7 // 2
        c = 1 << 3
        d = 16 >> 2
        e = -7 // 2
        f = -7 % 3
        print(a, b, c, d, e, f)
        print(7 // n)
    except ZeroDivisionError:
        print("zero division")
    try:
        print(1 << 62 >> 61, 5 % -3)
    except ValueError:
        print("never")
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
