# error: 29:11: Node has no method 'eval' (only some of its subclasses do);
class Node(object):
    pass


class Num(Node):
    def __init__(self, v):
        self.v = v

    def eval(self):
        return self.v


class Neg(Node):
    def __init__(self, inner):
        self.inner = inner

    def eval(self):
        return 0


def build(flag):
    if flag:
        return Num(3)
    return Neg(Num(1))


def entry_point(argv):
    print(build(len(argv) > 1).eval())
    return 0
