# error: 2:1: attribute 'count' of Counter is int here, but str at
class Counter(object):
    pass


counter = Counter()
counter.count = 0


def reset():
    counter.count = "none"


def entry_point(argv):
    reset()
    print(counter.count)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
