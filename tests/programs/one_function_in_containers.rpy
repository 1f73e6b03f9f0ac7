# A list, tuple or dict holding only one function (or only one class):
# the container stores a real function pointer (a vtable), read back and
# called through, also in a JIT loop.
from rpy.jit import JitDriver

driver = JitDriver(greens=[], reds=['i', 'n', 't'])


def plus(a, b):
    return a + b


class Cell(object):
    def __init__(self, v):
        self.v = v


FUNCS = [plus, plus]
UNUSED = [plus]
PAIR = (plus, 7)
TABLE = {"p": plus}
KINDS = [Cell]


def run(n):
    i = 0
    t = 0
    while i < n:
        driver.jit_merge_point(i=i, n=n, t=t)
        f = FUNCS[i % 2]
        t += f(i, 1)
        i += 1
    return t


def entry_point(argv):
    t = 0
    for f in FUNCS:
        t += f(2, 3)
    print(t)
    print(len(UNUSED))
    g, k = PAIR
    print(g(k, k))
    print(TABLE["p"](4, 5))
    fs = []
    fs.append(plus)
    print(fs[0](10, 20), len(fs))
    c = KINDS[0](8)
    print(c.v)
    print(run(2000))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
