# Fields of prebuilt instances and how they meet the rest of the program:
# a None field widened by run-time stores, fields only prebuilt subclass
# instances set read through the base class, _immutable_fields_ read in a
# JIT loop, prebuilt instances as default arguments, in tuples, and as
# class attributes overridden in subclasses (with prebuilt lists too).
from rpy.jit import JitDriver

driver = JitDriver(greens=['code'], reds=['pc', 'acc', 'n'])


class Cell(object):
    def push(self, value):
        c = Cell()
        c.value = value
        c.next = self.next
        self.next = c


class Shape(object):
    def area(self):
        return 0


class Square(Shape):
    def area(self):
        return self.side * self.side


class Rect(Shape):
    def area(self):
        return self.w * self.h


class Code(object):
    _immutable_fields_ = ['ops[*]', 'name', 'step']


class Style(object):
    pass


plain = Style()
plain.name = "plain"
bold = Style()
bold.name = "bold"


class Widget(object):
    style = plain
    sizes = [1, 2]

    def describe(self):
        return self.style.name + str(len(self.sizes))


class Button(Widget):
    style = bold
    sizes = [1, 2, 3]


# the head of a list: its `next` is None at import time
head = Cell()
head.value = -1
head.next = None

sq = Square()
sq.side = 3
sq.name = "square"
rc = Rect()
rc.w = 2
rc.h = 5
rc.name = "rect"
SHAPES = [sq, rc]

code = Code()
code.ops = [1, 2, 3, 4]
code.name = "sum"
code.step = 1

first = second = Style()
first.name = "shared"

PAIR = (sq, rc)


def label(shape, prefix=sq):
    if shape is prefix:
        return "default " + shape.name
    return shape.name


def run(code, n):
    acc = 0
    pc = 0
    while n > 0:
        driver.jit_merge_point(code=code, pc=pc, acc=acc, n=n)
        acc += code.ops[pc]
        pc = (pc + code.step) % len(code.ops)
        n -= 1
    return acc


def pick(n):
    if n > 1:
        return Button()
    return Widget()


def entry_point(argv):
    for i in range(3):
        head.push(i * 10)
    out = []
    c = head
    while c is not None:
        out.append(c.value)
        c = c.next
    print(out)
    for s in SHAPES:
        print(s.name, s.area())
    total = PAIR[0].area() + PAIR[1].area()
    print(total, PAIR[0] is sq)
    print(label(sq), label(rc), label(rc, rc))
    print(code.name, run(code, 10), run(code, 1003))
    second.name = second.name + "!"
    print(first.name, first is second)
    w = pick(len(argv))
    b = pick(5)
    print(w.describe(), b.describe(), b.style is bold, w.style is plain)
    Button.sizes.append(4)
    print(b.describe(), len(Widget.sizes))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
