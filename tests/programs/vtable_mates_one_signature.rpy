# A method called through the vtable of a subclass family (B and C) and
# also directly on the hierarchy's root class with a narrower argument (a
# one-character string): the slot lives at the root, so every method of
# that name in the hierarchy takes the same argument types.


class A(object):
    def show(self, s):
        return len(s)


class B(A):
    def show(self, s):
        return A.show(self, chr(65 + len(s))) + 10


class C(B):
    def show(self, s):
        return 100 + len(s)


class D(A):
    pass


def entry_point(argv):
    objs = [B(), C()]
    out = []
    for o in objs:
        out.append(o.show('hello'))
    print(out, len([D(), A()]))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
