# and/or chains of three or more operands used as values whose first
# operand is a constant that decides them: the rest is dead code and the
# other variables survive the join.


def entry_point(argv):
    a = len(argv) > 0
    b = True
    x = len(argv) == 1
    y = False
    c = False and a and b
    d = b or x or y
    e = True and a and x
    f = False or y or a
    g = 0 and len(argv) and 3
    h = 1 or len(argv) or 3
    print(c, d, e, f, g, h, a, x, y)
    if False and a and b:
        print("never")
    if b or x or y:
        print("always")
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
