# A call with no result that raises (del xs[i] on a list that runs out),
# inside a JIT loop: the trace checks for the exception after it, as for
# any call that can raise, and leaves the loop.
from rpy.jit import JitDriver

driver = JitDriver(greens=[], reds=['i', 'n', 'total'])

ITEMS = [3] * 700


def drain(n):
    i = 0
    total = 0
    while i < n:
        driver.jit_merge_point(i=i, n=n, total=total)
        del ITEMS[1]
        total += i
        i += 1
        if i % 100 == 0:
            print(i, len(ITEMS))
    return total


def entry_point(argv):
    try:
        print(drain(5000))
    except IndexError:
        print('IndexError after', len(ITEMS))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
