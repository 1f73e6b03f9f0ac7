# error: 5:14: a JitDriver must be created at module level
from rpy.jit import JitDriver

def run(n):
    driver = JitDriver(greens=[], reds=['n'])
    while n > 0:
        driver.jit_merge_point(n=n)
        n -= 1
    return n

def entry_point(argv):
    print(run(3))
    return 0
