# Attribute reads that can never run are not errors: an attribute set only
# in the __init__ of a class never instantiated, read in its method, and
# the attribute of an exception class never raised, read in its handler.


class Shape(object):
    def area(self):
        return 0


class Sq(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s * self.s


class Tri(Shape):
    def __init__(self, b, h):
        self.b = b
        self.h = h

    def area(self):
        return self.b * self.h // 2


class Err(Exception):
    def __init__(self, code):
        self.code = code


def total(shapes):
    t = 0
    for s in shapes:
        t += s.area()
    return t


def entry_point(argv):
    shapes = [Shape(), Sq(3)]
    print(total(shapes))
    try:
        print(len(argv))
    except Err as e:
        print(e.code)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
