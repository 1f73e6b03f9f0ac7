# Residual calls from JIT code (a recursive function, a @dont_look_inside
# one) whose argument is always None (a value of no machine type): the
# call's wrapper still names it.
from rpy.jit import JitDriver, dont_look_inside

driver = JitDriver(greens=[], reds=['i', 'n', 'total', 'tag'])


@dont_look_inside
def step(i, tag, flag):
    if tag is None:
        return i * 2 + flag
    return 0


def depth(k, tag=None):
    if k <= 0:
        return 1
    return depth(k - 1, tag) + 1


def run(n):
    i = 0
    total = 0
    tag = None
    while i < n:
        driver.jit_merge_point(i=i, n=n, total=total, tag=tag)
        total += step(i, tag, i & 1) + depth(i & 3, tag)
        i += 1
    return total


def entry_point(argv):
    print(run(3000))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
