# exit: 1
# stderr: OverflowError: signed integer expression did overflow
# RPython's ovfcheck(x op y): the int operation directly inside, raising
# OverflowError when the exact result does not fit in 64 bits (+, -, *,
# << and unary -), in every mode — the JIT's guard_no_overflow too (the
# loop below overflows only after many iterations). intmask, LONG_BIT.
from rpython.rlib.rarithmetic import ovfcheck, intmask, LONG_BIT
from rpython.rlib.jit import JitDriver

driver = JitDriver(greens=['step'], reds=['i', 'n', 'acc'])

BIG = 1 << 62


def add(x, y):
    try:
        return ovfcheck(x + y)
    except OverflowError:
        return -1


def checked_steps(n, step):
    # doubles `acc` until it overflows: the trace's guard fails late
    acc = 1
    i = 0
    while i < n:
        driver.jit_merge_point(step=step, i=i, n=n, acc=acc)
        try:
            acc = ovfcheck(acc * step)
        except OverflowError:
            return i
        i += 1
    return -acc


def entry_point(argv):
    print(LONG_BIT)
    print(add(1, 2), add(BIG, BIG), add(BIG, BIG - 1), add(-BIG, -BIG))
    x = BIG
    try:
        print(ovfcheck(x - (-x)))
    except OverflowError:
        print("sub overflows")
    try:
        print(ovfcheck(-(x * -2)))
    except OverflowError:
        print("neg overflows")
    try:
        print(ovfcheck(x << 1))
    except OverflowError:
        print("lshift overflows")
    print(ovfcheck(3 << 10), ovfcheck(-x), ovfcheck(x * -2))
    print(checked_steps(100, 2), checked_steps(10, 3), checked_steps(200, -3))
    print(checked_steps(5000, 1), checked_steps(5000, -1))
    total = 0
    for i in range(2000):
        total = intmask(total * 31 + i)
    print(total)
    print(intmask(1 << 63), intmask((1 << 63) - 1))
    try:
        print(ovfcheck(BIG * 4) + len(argv))
    except OverflowError:
        print("caught")
    # uncaught: the exit status and message of RPython's OverflowError
    return ovfcheck(BIG * (len(argv) + 3))


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
