# error: 4:18: slice steps
def entry_point(argv):
    xs = [1, 2, 3, 4, 5]
    print(xs[0:4:2])
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
