# error: 9:12: the format string of % must be a constant
def pick(n):
    if n > 2:
        return "%d items"
    return "%d item"


def show(n):
    return pick(n) % n


def entry_point(argv):
    print(show(len(argv)))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
