# error: 3:9: sets are not supported
def entry_point(argv):
    s = {1, 2, 3}
    print(len(s))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
