# Prebuilt instances of user classes (and an `object()` sentinel): module
# level creates them (classes without __init__) and sets their fields; functions call their methods,
# compare against them with `is`, mutate their fields and mix them with
# instances made at run time.
from rpy.jit import JitDriver

driver = JitDriver(greens=['steps'], reds=['pc', 'acc', 'node'])


class W_Root(object):
    def kind(self):
        return "root"

    def value(self):
        return 0


class W_Nil(W_Root):
    def kind(self):
        return "nil"


class W_Int(W_Root):
    def kind(self):
        return "int"

    def value(self):
        return self.intval


class W_Pair(W_Root):
    count = 0

    def kind(self):
        return "pair"


class Node(object):
    label = "?"

    def describe(self):
        return self.label + "->" + self.other.label


class Counter(object):
    pass


nil = W_Nil()
zero = W_Int()
zero.intval = 0
forty_two = W_Int()
forty_two.intval = 42

NAMES = ["a", "b"]
pair = W_Pair()
pair.first = forty_two
pair.rest = nil
pair.name = "pair of " + NAMES[0]
pair.names = NAMES
pair.ratio = 0.5
pair.flag = True
pair.count = 3

# a cycle: a.other = b; b.other = a
a = Node()
b = Node()
a.label = "a"
b.label = "b"
a.other = b
b.other = a
# a node that keeps the class-level label
c = Node()
c.other = c

counter = Counter()
counter.n = 0

# a sentinel
MISSING = object()

SINGLETONS = [nil, zero, forty_two]
BY_NAME = {"nil": nil, "zero": zero}
PAIR_AND_NIL = (pair, nil)


def lookup(name, default=MISSING):
    if name in BY_NAME:
        return BY_NAME[name].kind()
    if default is MISSING:
        return "missing"
    return "default"


def tick():
    counter.n += 1
    return counter.n


def make_int(v):
    w = W_Int()
    w.intval = v
    return w


def show(w):
    if w is nil:
        return "nil"
    return w.kind() + "(" + str(w.value()) + ")"


def total(ws):
    s = 0
    for w in ws:
        if w is not nil:
            s += w.value()
    return s


def walk(start, steps):
    # a loop over the cycle, with the JIT hot on it
    node = start
    acc = 0
    pc = 0
    while pc < steps:
        driver.jit_merge_point(pc=pc, acc=acc, node=node, steps=steps)
        acc += len(node.label)
        node = node.other
        pc += 1
    return acc


def entry_point(argv):
    print(nil.kind(), zero.kind(), pair.kind(), forty_two.value())
    print(show(nil), show(zero), show(forty_two), show(make_int(7)))
    print(pair.first.value(), pair.rest is nil, pair.name, pair.names, pair.ratio, pair.flag)
    print(pair.count, W_Pair.count)
    print(a.describe(), b.describe(), a.other.other is a, c.describe())
    # fields mutated at run time and read back
    pair.count += 1
    pair.name = pair.name + "!"
    forty_two.intval = 43
    b.label = "bee"
    NAMES.append("c")
    print(pair.count, pair.name, forty_two.value(), pair.first.value(), a.describe(), pair.names)
    print(tick(), tick(), tick(), counter.n)
    # prebuilt and run-time instances of one class, together
    ws = [nil, make_int(1), zero, forty_two, make_int(-5)]
    ws.append(SINGLETONS[2])
    print(total(ws), total(SINGLETONS), len([w for w in ws if w is nil]))
    x = BY_NAME["zero"]
    print(x is zero, x is nil, BY_NAME["nil"] is nil, PAIR_AND_NIL[1] is nil)
    print(lookup("nil"), lookup("one"), lookup("one", nil), MISSING is MISSING)
    p, n = PAIR_AND_NIL
    print(p.kind(), n.kind(), p is pair)
    # dispatched through the base class
    roots = [nil, pair, zero, make_int(9)]
    kinds = []
    for r in roots:
        kinds.append(r.kind())
    print(kinds, sum_values(roots))
    print(walk(a, 1000), walk(c, 10))
    if nil:
        print("a prebuilt instance is true")
    return 0


def sum_values(roots):
    s = 0
    for r in roots:
        s += r.value()
    return s


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
