# error: 12:49: extra
from rpy.jit import JitDriver

driver = JitDriver(greens=['pc'], reds=['a', 'n'])


def run(n):
    pc = 0
    a = 0
    extra = 5
    while pc < n:
        driver.jit_merge_point(pc=pc, a=a, n=n, extra=extra)
        a += pc + extra
        pc += 1
    return a


def entry_point(argv):
    print(run(10))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
