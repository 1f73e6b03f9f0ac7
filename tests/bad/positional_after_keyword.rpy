# error: 7:18: positional argument follows keyword argument
def f(a, b):
    return a + b


def entry_point(argv):
    print(f(a=1, 2))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
