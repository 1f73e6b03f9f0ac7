# error: 3:9: unterminated string
def entry_point(argv):
    s = "abc
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
