# An attribute first set on one subclass (through the base's __init__)
# and then moved up to the base is seen by readers in a sibling class:
# their reads were waiting for it, not dead code.

F = 0.0
def nothing(x):
    pass
class Base(object):
    def __init__(self, a, b):
        self.flag = F == F
class Sibling(Base):
    def __init__(self, a, b, c):
        Base.__init__(self, nothing(F + F), [a] * 5)
    def check(self, t, k=9):
        if self.flag:
            return k
        return -k
class First(Base):
    def __init__(self, a):
        Base.__init__(self, nothing(F), ['x'])
class Other(object):
    def take(self, xs, y):
        pass
def entry_point(argv):
    o = Other()
    o.take([First(1), First(2)], nothing(F - F))
    s = Sibling('a', [1, 2], 'c' not in {'a': 'b'})
    print(s.check((-1,), 4), s.check((2,)))
    return 0
def target(*args):
    return entry_point, None
if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
