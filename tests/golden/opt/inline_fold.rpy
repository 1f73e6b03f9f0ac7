# backendopt: small leaf functions are inlined, then constants fold.
from rpy.jit import elidable

SIZE = 8


def square(x):
    return x * x


def clamp(v, lo, hi):
    if v < lo:
        return lo
    if v > hi:
        return hi
    return v


@elidable
def table_size():
    return SIZE * 2


def compute(n):
    total = 0
    i = 0
    while i < n:
        total += clamp(square(i), 0, 50)
        i += 1
    return total + square(3) + table_size()


def entry_point(argv):
    print(compute(10))
    return 0
