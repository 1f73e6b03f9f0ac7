# error: 6:2: decorator
def trace(f):
    return f


@trace
def work(x):
    return x + 1


def entry_point(argv):
    print(work(1))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
