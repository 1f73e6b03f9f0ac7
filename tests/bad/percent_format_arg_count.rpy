# error: 3:12: not enough arguments for format string
def label(name, n):
    return "%s: %d of %d" % (name, n)


def entry_point(argv):
    print(label("argv", len(argv)))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
