# A method defined only below the root of its class hierarchy, overridden
# with another default: a call that leaves the default out reads it from
# the receiver's class (its vtable), not from the root's.


class Root(object):
    def __init__(self, n):
        self.n = n


class Mid(Root):
    def scale(self, x, by=10):
        return x * by + self.n


class Leaf(Mid):
    def scale(self, x, by=100):
        return x * by - self.n


def entry_point(argv):
    things = [Root(1), Mid(2), Leaf(3)]
    m = Mid(len(argv))
    if len(argv) > 5:
        m = Leaf(4)
    print(len(things), m.scale(7), m.scale(7, 2), m.scale(x=1))
    for t in [Mid(5), Leaf(6)]:
        print(t.scale(3))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
