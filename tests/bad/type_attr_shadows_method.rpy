# error: 4:9: attribute 'name' has the name of a method of A
class A(object):
    def __init__(self, name):
        self.name = name

    def name(self, x):
        return x + 1


def entry_point(argv):
    a = A("attr")
    print(a.name(41))
    return 0
