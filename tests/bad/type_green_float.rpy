# error: 4:10: green 'x' must be something the JIT can treat as a constant
from rpy.jit import JitDriver

driver = JitDriver(greens=['x'], reds=['n'])


def run(n):
    x = 0.5
    while n > 0:
        driver.jit_merge_point(x=x, n=n)
        n -= 1
    return n


def entry_point(argv):
    print(run(3))
    return 0
