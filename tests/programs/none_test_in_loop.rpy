# A variable that only ever holds None, tested inside a loop: after SSA
# the test is on the constant None, and the branch it guards is dead (its
# uses of the variable as an object are never checked).


class Box(object):
    def __init__(self, v):
        self.v = v


def scan(n):
    cur = None
    total = 0
    k = 0
    while k < n:
        k += 1
        if cur is not None:
            for i in range(3):
                total += cur.v + len(cur.name)
        elif not cur:
            total += k
    return total


def entry_point(argv):
    print(scan(5), Box(2).v)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
