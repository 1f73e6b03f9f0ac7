# args: 5000
# An if/elif chain testing one value against several constants in a hot
# loop: the guard of the first test must not make the JIT believe the
# value is 1 in the second.
from rpy.jit import JitDriver

driver = JitDriver(greens=[], reds=['i', 'n', 'acc'])


def run(n):
    i = 0
    acc = 0
    while i < n:
        driver.jit_merge_point(i=i, n=n, acc=acc)
        if i % 4 == 0:
            acc += 1
        elif i % 4 == 1:
            acc += 100
        elif i % 3:
            acc += 10000
        else:
            acc -= 7
        i += 1
    return acc


def entry_point(argv):
    print(run(int(argv[1])))
    print(run(3))
    return 0


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
