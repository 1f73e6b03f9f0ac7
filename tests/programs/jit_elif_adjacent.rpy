# args: 20000
# if/elif chains testing one value against adjacent constants (a field,
# a modulo) in a hot loop: the optimizer merges such tests into one range
# check, and failing it must still take the right branch.
from rpy.jit import JitDriver

driver = JitDriver(greens=[], reds=['i', 'n', 'acc', 'box'])


class Box(object):
    def __init__(self, v):
        self.v = v


def run(n):
    i = 0
    acc = 0
    box = Box(0)
    while i < n:
        driver.jit_merge_point(i=i, n=n, acc=acc, box=box)
        if i % 4 == 1:
            acc += 10
        elif i % 4 == 2:
            acc += 1000
        else:
            acc += 1
        box.v = (i >> 3) % 5
        if box.v == 3:
            acc += 7
        elif box.v == 4:
            acc -= 3
        elif box.v == 2:
            acc *= 3
            acc %= 1000003
        i += 1
        driver.can_enter_jit(i=i, n=n, acc=acc, box=box)
    return acc


def entry_point(argv):
    print(run(int(argv[1])))
    return 0


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
