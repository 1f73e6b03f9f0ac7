# error: 4:15: not defined
def entry_point(argv):
    x = 1
    print(x + undefined_thing)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
