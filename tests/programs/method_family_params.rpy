# Implementations of one method called through the base class and also
# directly through a subclass with other argument types (a one-character
# str here, a longer str there): the family's parameters share one type.


class A(object):
    def m(self, s):
        return s + "!"


class B(A):
    def m(self, s):
        return "<" + s + ">"

    def again(self):
        return self.m("long")


def entry_point(argv):
    xs = [A(), B()]
    for x in xs:
        print(x.m(chr(65 + len(argv))))
    print(B().again())
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
