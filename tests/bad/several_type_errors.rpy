# error: 46:9: argument 'v' of Box.__init__() is int here, but str at
# error: 49:11: argument 'x' of double() is int here, but str at
# error: 52:14: argument 'k' of Node.add() is Leaf here, but int at
# error: 58:9: 'v' is None here, but int at
# error: 61:9: unsupported operand types for /: str and int
# Each type error is reported once; what depends on the value with the
# error is not checked again: a call whose argument conflicted, the
# attribute an __init__ with such an argument sets, the items of a list
# one of whose stores conflicted, a variable whose types conflicted.
class Box(object):
    def __init__(self, v):
        self.v = v


class Node(object):
    def __init__(self):
        self.kids = []

    def add(self, k):
        self.kids.append(k)


class Leaf(object):
    def size(self):
        return 1


def walk(n):
    total = 0
    for k in n.kids:
        total += k.size()
    return total


def double(x):
    return x + x


def parse(s):
    if s == "":
        raise ValueError("empty")
    return int(s)


def entry_point(argv):
    b = Box(1)
    c = Box("s")
    print(c.v.upper())
    print(double(1))
    print(double("a").upper())
    root = Node()
    root.add(Leaf())
    root.add(3)
    print(walk(root))
    try:
        v = parse(argv[0])
    except ValueError:
        v = None
    if v is not None:
        print(v + 1)
    y = argv[0] / 2
    print(y)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
