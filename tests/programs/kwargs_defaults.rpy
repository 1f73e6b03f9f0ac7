# Functions with keyword arguments and constant default values.

SEP = "/"


def greet(name, greeting="hello", punct="!"):
    return greeting + ", " + name + punct


def scale(x, factor=2, offset=0):
    return x * factor + offset


def join_path(a, b, sep=SEP):
    return a + sep + b


def ratio(num, den=1.0):
    return num / den


def describe(name, age=0, tags=None):
    s = name + " (" + str(age) + ")"
    if tags is not None:
        s += " " + ",".join(tags)
    return s


def flag_text(on=True, neg=-1):
    if on:
        return "on " + str(neg)
    return "off " + str(neg)


class Box(object):
    def __init__(self, width, height=1, label="box"):
        self.width = width
        self.height = height
        self.label = label

    def area(self, scale=1):
        return self.width * self.height * scale


def entry_point(argv):
    print(greet("ann"))
    print(greet("bob", "hi"))
    print(greet("cy", punct="?"))
    print(greet(punct=".", name="dee", greeting="bye"))
    print(greet("eve", greeting="yo", punct=""))
    print(scale(5), scale(5, 3), scale(5, offset=1), scale(5, 3, 1))
    print(scale(x=2, offset=10, factor=0))
    print(join_path("usr", "bin"), join_path("a", "b", sep="\\"))
    print(ratio(3.0), ratio(3.0, 4.0), ratio(den=8.0, num=1.0))
    print(describe("x"), describe("y", 5), describe("z", tags=["a", "b"]))
    print(flag_text(), flag_text(False), flag_text(neg=3), flag_text(on=False, neg=0))
    b = Box(3)
    c = Box(2, 5)
    d = Box(4, label="crate", height=2)
    print(b.area(), c.area(), d.area(), d.area(scale=10), d.label, b.label)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
