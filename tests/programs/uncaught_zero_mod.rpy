# exit: 1
# stderr: ZeroDivisionError: integer modulo by zero
# An uncaught ZeroDivisionError from integer %.


def wrap(i, n):
    return i % n


def entry_point(argv):
    print(wrap(7, 3))
    print(wrap(7, 0))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
