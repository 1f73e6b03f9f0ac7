# Calling a class taken from a constant table of classes: only the
# __init__ of the classes in the table count (a subclass outside it may
# take other arguments), each with its own defaults and class attributes.


class Base(object):
    tag = "base"

    def __init__(self, x, k=1):
        self.x = x * k


class A(Base):
    tag = "a"


class B(Base):
    def __init__(self, x, k=2):
        Base.__init__(self, x + 1, k)


class C(B):
    tag = "c"

    def __init__(self, x, k=3):
        B.__init__(self, x, k)


class Other(Base):
    def __init__(self, x, y):
        Base.__init__(self, x + y)


KINDS = [A, B, C]
PAIR = [A, Other]


def entry_point(argv):
    o = Other(1, 2)
    for i in range(3):
        v = KINDS[i](10)
        print(v.x, v.tag, KINDS[i](1, k=5).x)
    print(o.x, o.tag, len(PAIR))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
