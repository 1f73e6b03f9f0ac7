# error: 4:9: generator expressions
def entry_point(argv):
    s = "abc"
    g = (c for c in s)
    print("".join(g))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
