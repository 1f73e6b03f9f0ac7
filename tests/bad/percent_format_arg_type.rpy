# error: 3:12: %d format: a real number is required, not str
def label(name, n):
    return "%d: %s" % (name, n)


def entry_point(argv):
    print(label("argv", len(argv)))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
