# Prebuilt instances: a singleton, a cycle, a class-level default kept,
# a field only the prebuilt objects set, and a class attribute holding one.
class W_Root(object):
    def kind(self):
        return 0


class W_Nil(W_Root):
    def kind(self):
        return 1


class Node(object):
    label = "?"


class Holder(object):
    nil = None


nil = W_Nil()
a = Node()
b = Node()
a.label = "a"
a.other = b
b.other = a


class Special(Holder):
    nil = nil


def entry_point(argv):
    w = W_Root()
    h = Holder()
    if len(argv) > 1:
        w = nil
        h = Special()
    n = a.other
    print(w.kind(), w is nil, n.label, n.other is a, h.nil is nil)
    return 0
