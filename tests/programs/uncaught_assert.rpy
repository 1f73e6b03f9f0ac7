# exit: 1
# stderr: AssertionError: x must be positive
# An uncaught AssertionError with a message.


def check(x):
    assert x > 0, "x must be positive"
    return x * 2


def entry_point(argv):
    print(check(4))
    print(check(-4))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
