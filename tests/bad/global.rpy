# error: 6:5: global is only supported at import time in rpy
COUNTER = 0


def bump():
    global COUNTER
    COUNTER = COUNTER + 1


def entry_point(argv):
    bump()
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
