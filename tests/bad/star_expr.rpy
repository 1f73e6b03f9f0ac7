# error: 4:8: star expressions
def entry_point(argv):
    xs = [1, 2, 3]
    a, *rest = xs
    print(a)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
