# error: 3:10: was never closed
def entry_point(argv):
    xs = [1, 2,
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
