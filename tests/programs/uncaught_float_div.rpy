# exit: 1
# stderr: ZeroDivisionError: float division by zero
# An uncaught ZeroDivisionError from float /.


def ratio(a, b):
    return a / b


def entry_point(argv):
    print(ratio(1.0, 8.0))
    print(ratio(1.0, 0.0))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
