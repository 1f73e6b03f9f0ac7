# error: 10:12: multiple inheritance
class A(object):
    pass


class B(object):
    pass


class C(A, B):
    pass


def entry_point(argv):
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
