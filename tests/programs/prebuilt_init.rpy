# Instances made at import time by classes with __init__ (super() and a
# base-class __init__ call included) are prebuilt constants; the run-time
# code makes more of the same classes.
class Point(object):
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


class Named(Point):
    def __init__(self, name, x, y):
        super().__init__(x, y)
        self.name = name


class Tagged(Named):
    def __init__(self, tag, name, x, y):
        Named.__init__(self, name, x, y)
        self.tag = tag


ORIGIN = Point(0, 0)
CORNERS = [Named(n, x, y) for (n, x, y) in [("ne", 1, 1), ("sw", -1, -1)]]
SPECIAL = Tagged("t", "far", 100, -200)
BY_NAME = {}
for c in CORNERS + [SPECIAL]:
    BY_NAME[c.name] = c


def entry_point(argv):
    p = Point(3, -4)
    print(ORIGIN.norm1(), p.norm1(), len(CORNERS))
    for c in CORNERS:
        print(c.name, c.x, c.y, c.norm1())
    print(SPECIAL.tag, SPECIAL.name, SPECIAL.norm1(), BY_NAME["far"] is SPECIAL)
    ORIGIN.x = 7
    print(ORIGIN.norm1())
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
