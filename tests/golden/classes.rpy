# Classes: __init__, methods, inheritance, super(), class constants.
from rpy.jit import JitDriver, promote, elidable

driver = JitDriver(greens=['pc'], reds=['acc', 'n'])


class Shape(object):
    SIDES = 0

    def __init__(self, name):
        self.name = name

    def area(self):
        return 0

    def describe(self, prefix="shape"):
        return prefix + " " + self.name


class Square(Shape):
    SIDES = 4

    def __init__(self, side):
        Shape.__init__(self, "square")
        self.side = side

    def area(self):
        return self.side * self.side

    def describe(self, prefix="it is a"):
        return super().describe(prefix=prefix)


@elidable
def double(x):
    return x * 2


def run(n):
    pc = 0
    acc = 0
    while pc < n:
        driver.jit_merge_point(pc=pc, acc=acc, n=n)
        acc += double(promote(pc))
        pc += 1
    return acc


def entry_point(argv):
    s = Square(3)
    print(s.area(), s.SIDES, s.describe())
    print(run(4))
    return 0
