# error: 11:10: instances of classes with __init__ cannot be prebuilt yet
class Point(object):
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


ORIGIN = Point(0, 0)


def entry_point(argv):
    print(ORIGIN.norm1())
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
