# error: 9:11: no class in the hierarchy of Point sets the attribute
class Point(object):
    def __init__(self, x):
        self.x = x


def entry_point(argv):
    p = Point(1)
    print(p.y)
    return 0
