# A branch guarded by isinstance(o, C) where o can only hold a sibling
# class is dead: reads of C's attributes in it are not checked against B.


class Base(object):
    pass


class B(Base):
    def __init__(self):
        self.x = 1


class C(Base):
    def __init__(self):
        self.y = 2


class D(C):
    pass


def f(o):
    if isinstance(o, C):
        return o.y
    return 0


def g(o):
    if not isinstance(o, C):
        return -1
    return o.y


def h(o):
    if isinstance(o, (C, B)):
        return 10
    return 20


def entry_point(argv):
    o = B()
    print(f(o), g(o), h(o), h(Base()), g(D()))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
