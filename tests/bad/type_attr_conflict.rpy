# error: 8:9: argument 'v' of Box.__init__() is int here, but str at
class Box(object):
    def __init__(self, v):
        self.value = v


def entry_point(argv):
    a = Box(1)
    b = Box("x")
    print(a.value, b.value)
    return 0
