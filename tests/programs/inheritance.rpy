# Single inheritance: method override, dispatch on the runtime class,
# calling a base method explicitly (Base.method(self, x)), super-style
# __init__ chaining, attributes over the hierarchy, isinstance.


class Shape(object):
    KIND = "shape"

    def __init__(self, name):
        self.name = name

    def area(self):
        return 0

    def describe(self):
        return self.name + " " + self.KIND + " area=" + str(self.area())

    def scaled_area(self, k):
        return self.area() * k


class Rect(Shape):
    KIND = "rect"

    def __init__(self, name, w, h):
        Shape.__init__(self, name)
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h


class Square(Rect):
    KIND = "square"

    def __init__(self, name, side):
        Rect.__init__(self, name, side, side)

    def describe(self):
        return "[" + Rect.describe(self) + "]"


class Tri(Shape):
    def __init__(self, name, b, h):
        Shape.__init__(self, name)
        self.b = b
        self.h = h

    def area(self):
        return self.b * self.h // 2

    def scaled_area(self, k):
        return Shape.scaled_area(self, k) + 1


class Base(object):
    def __init__(self):
        self.log = []

    def step(self, x):
        self.log.append("base" + str(x))
        return x

    def run(self, n):
        total = 0
        for i in range(n):
            total += self.step(i)
        return total


class Doubler(Base):
    def step(self, x):
        self.log.append("double" + str(x))
        return Base.step(self, x) * 2


class Tripler(Doubler):
    def step(self, x):
        return Doubler.step(self, x) + x


def total_area(shapes):
    t = 0
    for s in shapes:
        t += s.area()
    return t


def entry_point(argv):
    shapes = [Shape("blob"), Rect("r", 2, 3), Square("s", 4), Tri("t", 5, 3)]
    for s in shapes:
        print(s.describe())
    print(total_area(shapes))
    print([s.scaled_area(10) for s in shapes])
    print([s.KIND for s in shapes])
    for s in shapes:
        if isinstance(s, Rect):
            print(s.name, "is a rect with w", s.w)
        else:
            print(s.name, "is not a rect")
    b = Base()
    d = Doubler()
    t = Tripler()
    print(b.run(3), d.run(3), t.run(3))
    print(b.log)
    print(d.log)
    print(t.log)
    runners = [b, d, t]
    print([r.step(10) for r in runners])
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
