# error: 6:5: global is not supported
COUNTER = 0


def bump():
    global COUNTER
    COUNTER = COUNTER + 1


def entry_point(argv):
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
