# error: 4:9: unexpected indent
def entry_point(argv):
    x = 1
        y = 2
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
