# error: 3:5: nonlocal is not supported
def f(x):
    nonlocal x
    return x


def entry_point(argv):
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
