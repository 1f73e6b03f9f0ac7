# error: 13:9: 'extra' is live at jit_merge_point but is neither a green nor a red
# A variable the loop keeps using after the merge point must be a green or a red.
from rpy.jit import JitDriver

driver = JitDriver(greens=['pc'], reds=['a', 'n'])


def run(n):
    pc = 0
    a = 0
    extra = n * 2
    while pc < n:
        driver.jit_merge_point(pc=pc, a=a, n=n)
        a += extra
        pc += 1
    return a


def entry_point(argv):
    print(run(int(argv[1])))
    return 0


def target(*args):
    return entry_point, None
