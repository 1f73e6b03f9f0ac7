# error: 2:5: ValueError: integer to a negative power is not supported in a constant expression
X = 2 ** -1


def entry_point(argv):
    print(X)
    return 0


def target(*args):
    return entry_point, None
