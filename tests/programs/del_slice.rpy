# `del xs[lo:hi]`: every bound form (missing, negative, past the end,
# empty and reversed ranges), at import time and at run time, in a JIT
# loop, and on a list of strs (as PyPy's targettla.py deletes parsed
# options from argv).
from rpy.jit import JitDriver

driver = JitDriver(greens=[], reds=["i", "n", "xs", "total"])

TABLE = list(range(10))
del TABLE[2:5]
del TABLE[-2:]


def show(xs):
    return "[" + ", ".join([str(x) for x in xs]) + "]"


def forms():
    cases = []
    for lo, hi in [(1, 3), (0, 0), (-3, -1), (5, 100), (4, 2), (-100, 2)]:
        xs = [0, 1, 2, 3, 4, 5, 6]
        del xs[lo:hi]
        cases.append(show(xs))
    xs = [0, 1, 2, 3, 4, 5, 6]
    del xs[:2]
    cases.append(show(xs))
    del xs[3:]
    cases.append(show(xs))
    del xs[:]
    cases.append(show(xs))
    return cases


def options(args):
    i = 0
    while i < len(args):
        if args[i] == "--jit":
            del args[i:i + 2]
        else:
            i += 1
    return args


def churn(n):
    xs = []
    i = 0
    total = 0
    while i < n:
        driver.jit_merge_point(i=i, n=n, xs=xs, total=total)
        xs.append(i)
        xs.append(i * 2)
        xs.append(i * 3)
        del xs[0:2]
        total += len(xs) + xs[-1]
        i += 1
    return total


def entry_point(argv):
    print(show(TABLE))
    for c in forms():
        print(c)
    print(", ".join(options(["prog", "--jit", "threshold=1", "file", "--jit", "x"])))
    print(churn(3000))
    return 0


def target(*args):
    return entry_point, None


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
