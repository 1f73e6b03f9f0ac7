# error: 13:9: operator overloading (__add__) is not supported in rpy
class Vec(object):
    def __init__(self, x):
        self.x = x

    def __add__(self, other):
        return Vec(self.x + other.x)


def entry_point(argv):
    a = Vec(1)
    b = Vec(2)
    c = a + b
    print(c.x)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
