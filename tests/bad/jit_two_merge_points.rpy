# error: 17:9: already has a jit_merge_point
from rpy.jit import JitDriver

driver = JitDriver(greens=['pc'], reds=['a'])


def run(n):
    pc = 0
    a = 0
    while pc < n:
        driver.jit_merge_point(pc=pc, a=a)
        a += 1
        pc += 1
    pc = 0
    a = 0
    while pc < n:
        driver.jit_merge_point(pc=pc, a=a)
        pc += 1
    return a


def entry_point(argv):
    print(run(10))
    return 0
