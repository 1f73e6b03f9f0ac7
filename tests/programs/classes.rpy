# Classes: __init__, attributes, methods, class-level constants read through
# instances and through the class, methods calling methods, instances in
# lists and dicts, None-able instance references (a linked list).


class Counter(object):
    START = 100
    STEP = 5

    def __init__(self, name):
        self.name = name
        self.value = self.START
        self.history = []

    def tick(self):
        self.value += self.STEP
        self.history.append(self.value)
        return self.value

    def tick_n(self, n):
        for i in range(n):
            self.tick()
        return self

    def describe(self):
        return self.name + ":" + str(self.value)


class Node(object):
    def __init__(self, value, next):
        self.value = value
        self.next = next


class LinkedList(object):
    def __init__(self):
        self.head = None
        self.size = 0

    def push(self, v):
        self.head = Node(v, self.head)
        self.size += 1

    def to_list(self):
        out = []
        node = self.head
        while node is not None:
            out.append(node.value)
            node = node.next
        return out

    def reverse(self):
        prev = None
        node = self.head
        while node is not None:
            nxt = node.next
            node.next = prev
            prev = node
            node = nxt
        self.head = prev

    def find(self, v):
        node = self.head
        while node is not None:
            if node.value == v:
                return node
            node = node.next
        return None


class Vec(object):
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    def show(self):
        return "(" + str(self.x) + ", " + str(self.y) + ")"


def entry_point(argv):
    c = Counter("c1")
    print(c.describe(), c.START, Counter.STEP)
    c.tick()
    c.tick_n(3)
    print(c.describe(), c.history)
    c.name = "renamed"
    c.value = -1
    print(c.describe())
    other = Counter("c2").tick_n(2)
    print(other.describe(), c.describe())
    ll = LinkedList()
    for i in range(5):
        ll.push(i * 10)
    print(ll.to_list(), ll.size)
    ll.reverse()
    print(ll.to_list())
    n = ll.find(20)
    if n is not None:
        print("found", n.value, n.next is None)
    n = ll.find(40)
    if n is not None:
        print("found", n.value, n.next is None)
    print(ll.find(99) is None)
    empty = LinkedList()
    print(empty.to_list(), empty.head is None)
    v = Vec(1, 2).add(Vec(3, 4))
    print(v.show(), v.dot(Vec(2, 2)))
    vs = [Vec(i, i * i) for i in range(4)]
    acc = Vec(0, 0)
    for w in vs:
        acc = acc.add(w)
    print(acc.show())
    by_name = {}
    by_name["a"] = Counter("a")
    by_name["b"] = Counter("b")
    by_name["a"].tick()
    for k in by_name:
        print(k, by_name[k].describe())
    same = c
    same.value = 77
    print(c.value, same is c, other is c)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
