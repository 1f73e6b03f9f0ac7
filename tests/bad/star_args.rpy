# error: 2:10: *rest is not supported at run time in rpy
def f(a, *rest):
    return a


def entry_point(argv):
    return f(0, 1, 2)


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
