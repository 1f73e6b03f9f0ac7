# exit: 1
# stderr: KeyError: 42
# An uncaught KeyError with an int key.


def entry_point(argv):
    d = {1: "one"}
    print(d[1])
    k = 40
    k += 2
    print(d[k])
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
