# error: 5:9: yield
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1


def entry_point(argv):
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
