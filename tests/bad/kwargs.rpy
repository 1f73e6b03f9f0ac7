# error: 2:10: **kw is not supported at run time in rpy
def f(a, **kw):
    return a


def entry_point(argv):
    return f(0)


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
