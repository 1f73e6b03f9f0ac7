# error: 3:9: lambda is only supported at import time in rpy
def entry_point(argv):
    f = lambda x: x + 1
    print(f(1))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
