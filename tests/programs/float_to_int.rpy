# exit: 1
# stderr: OverflowError: cannot convert float infinity to integer
# int() of a float: truncation (machine conversion in traces), ValueError
# for nan and OverflowError for infinities, in every mode.
from rpy.jit import JitDriver

driver = JitDriver(greens=[], reds=['i', 'n', 'acc', 'x'])


def run(n, x):
    i = 0
    acc = 0
    while i < n:
        driver.jit_merge_point(i=i, n=n, acc=acc, x=x)
        acc += int(x * float(i)) + int(-2.5 * float(i % 7))
        i += 1
    return acc


def entry_point(argv):
    print(run(10000, 0.75))
    inf = 1e308 * 10.0
    nan = inf - inf
    for v in [inf, -inf, nan, 2.5, -2.5]:
        try:
            print(int(v))
        except ValueError as e:
            print('ValueError', str(e))
        except OverflowError as e:
            print('OverflowError', str(e))
    print(int(inf))
    return 0


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
