# A one-character string or None, narrowed by `is not None`: the branch
# holds a char, converted from the nullable string on that branch only
# (converted before the test, a None argument crashed native code).


def pick(s, n):
    total = 0
    while n > 0:
        n -= 1
        if s is not None:
            total += ord(s) + len(s + s)
        else:
            total -= 1
    return total


def entry_point(argv):
    print(pick('z', 3), pick(None, 3), pick('a', 1))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
