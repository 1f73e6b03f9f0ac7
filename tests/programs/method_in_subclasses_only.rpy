# exit: 1
# stderr: AttributeError: 'W_Str' object has no attribute 'sub'
# A method defined only in subclasses, called through the base type (as
# in RPython): dispatched to the subclass's method. An instance of a class
# without it raises AttributeError when the call reaches it, as in Python
# (PyPy's tla: W_Object lacks `sub`, W_StringObject too).


class W_Object(object):
    def is_true(self):
        raise NotImplementedError


class W_Int(W_Object):
    def __init__(self, v):
        self.v = v

    def is_true(self):
        return self.v != 0

    def get(self):
        return self.v

    def sub(self, other):
        if isinstance(other, W_Int):
            return W_Int(self.v - other.v)
        raise TypeError("sub of a non-int")


class W_Neg(W_Int):
    def get(self):
        return -self.v


class W_Str(W_Object):
    def __init__(self, s):
        self.s = s

    def is_true(self):
        return len(self.s) != 0

    def get(self):
        return len(self.s)


# never instantiated itself: every instance that reaches `half` has it
class Node(object):
    pass


class Leaf(Node):
    def __init__(self, v):
        self.v = v

    def half(self, n):
        return self.v // n


class Pair(Node):
    def __init__(self, a, b):
        self.a = a
        self.b = b

    def half(self, n):
        return self.a.half(n) + self.b.half(n)


nil = W_Str("")   # a prebuilt instance: W_Str instances exist


def build(i):
    if i % 3 == 0:
        return W_Int(i)
    if i % 3 == 1:
        return W_Neg(i)
    return W_Str("x" * i)


def subtract(w_x, w_y):
    try:
        return w_x.sub(w_y).get()
    except AttributeError as e:
        print("AttributeError:", str(e))
        return -1


def entry_point(argv):
    ws = [build(i) for i in range(6)]
    ws.append(nil)
    total = 0
    for w in ws:
        total += w.get()
        print(w.get(), w.is_true())
    print("total", total)
    print(subtract(ws[3], ws[1]))
    print(subtract(ws[2], ws[1]))
    print(subtract(nil, ws[0]))
    tree = Pair(Leaf(10), Pair(Leaf(4), Leaf(7)))
    node = tree
    if len(argv) > 5:
        node = Leaf(1)
    print(node.half(2))
    # uncaught: the exit status and message of Python's AttributeError
    print(ws[5].sub(ws[0]).get())
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
