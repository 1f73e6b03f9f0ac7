# `from rpy import jit`: the JIT's names used through the module, at
# module level (jit.JitDriver), as decorators and inside functions.
from rpy import jit

driver = jit.JitDriver(greens=['pc'], reds=['i', 'acc', 'n'])


@jit.elidable
def weight(pc):
    return pc * 3 + 1


def run(n):
    i = 0
    acc = 0
    pc = 0
    while i < n:
        driver.jit_merge_point(pc=pc, i=i, acc=acc, n=n)
        acc += weight(jit.promote(pc))
        if jit.we_are_jitted():
            acc += 0
        i += 1
        pc = i % 4
        driver.can_enter_jit(pc=pc, i=i, acc=acc, n=n)
    return acc


def entry_point(argv):
    print(run(5000))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
