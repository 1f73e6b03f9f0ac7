# Module-level lists of functions that are never called through (only
# their length is used), never used at all, or partly called directly.


def f(x):
    return x + 1


def g(x):
    return x * 2


def h(x):
    return x - 1


FTAB = [f, g]
UNUSED = [g, h]
OPS = [h, f]


def entry_point(argv):
    print(len(FTAB), len(OPS), f(3))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
