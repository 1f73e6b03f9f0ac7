# A variable that is the constant None: `m is not None` is decided when the
# graph is built, so the branch using m as an object is dead code (as in
# Python) and not typed.
class C(object):
    A73 = 5

    def __init__(self):
        self.f68 = 1


def f(n):
    for v in [1, 2]:
        m = None
        if n > 5:
            n += 1
        if m is not None:
            if m is not None:
                k = 0
                while True:
                    k += 1
                    if k > 8:
                        break
                    print(m.A73)
            m = m
    return n


def entry_point(argv):
    C()
    print(f(len(argv)))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
