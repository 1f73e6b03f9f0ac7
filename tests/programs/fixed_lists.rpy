# exit: 1
# stderr: IndexError: list assignment index out of range
# Lists whose length never changes (stored into, never resized): reads and
# stores through their item pointer and length, negative indices, len(),
# lists passed to functions and carried around loops, and IndexError on a
# store past the end.


def fill(regs, n):
    i = 0
    while i < len(regs):
        regs[i] = i * n
        i += 1


def rotate(regs):
    last = regs[-1]
    i = len(regs) - 1
    while i > 0:
        regs[i] = regs[i - 1]
        i -= 1
    regs[0] = last


def total(regs):
    s = 0
    for x in regs:
        s += x
    return s


def pick(flag, a, b):
    if flag:
        xs = a
    else:
        xs = b
    xs[-2] = 99
    return xs


def entry_point(argv):
    regs = [0] * 8
    other = [1, 2, 3]
    fill(regs, 3)
    print(regs[0], regs[7], regs[-1], len(regs))
    k = 0
    while k < 3:
        rotate(regs)
        k += 1
    print(regs[0], regs[1], regs[2], total(regs))
    print(pick(True, regs, other)[-2], pick(False, regs, other)[1])
    try:
        regs[-9] = 1
    except IndexError:
        print("caught")
    print(regs[len(regs) - 1])
    regs[8] = 5
    print("not reached")
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
