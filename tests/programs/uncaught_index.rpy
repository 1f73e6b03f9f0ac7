# exit: 1
# stderr: IndexError: list index out of range
# An uncaught IndexError from list indexing, propagating through calls.


def get(xs, i):
    return xs[i]


def middle(xs, i):
    return get(xs, i) * 2


def entry_point(argv):
    xs = [1, 2, 3]
    print(middle(xs, 2))
    print(middle(xs, 3))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
