# error: 11:9: between can_enter_jit and jit_merge_point
from rpy.jit import JitDriver
driver = JitDriver(greens=['pc'], reds=['a'])
def run(n):
    pc = 0
    a = []
    while pc < n:
        driver.jit_merge_point(pc=pc, a=a)
        pc += 1
        driver.can_enter_jit(pc=pc, a=a)
        a.append(pc)
    return len(a)
def entry_point(argv):
    print(run(10))
    return 0
