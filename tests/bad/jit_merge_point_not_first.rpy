# error: 12:9: first statement
from rpy.jit import JitDriver

driver = JitDriver(greens=['pc'], reds=['a'])


def run(n):
    pc = 0
    a = 0
    while pc < n:
        a += 1
        driver.jit_merge_point(pc=pc, a=a)
        pc += 1
    return a


def entry_point(argv):
    print(run(10))
    return 0
