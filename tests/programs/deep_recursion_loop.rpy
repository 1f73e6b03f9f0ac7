# args: 300 400
# jit-log: # not inlining total any more
# A hot loop calling a function that recurses deeper than the tracer
# inlines: the first trace aborts ("inlining too deep"), and the next one
# calls the function natively instead of inlining it.
from rpy.jit import JitDriver

driver = JitDriver(greens=['pc'], reds=['i', 'acc', 'n', 'lst'])


class Node(object):
    def __init__(self, value, next):
        self.value = value
        self.next = next


def total(node):
    if node is None:
        return 0
    return node.value + total(node.next)


def run(n, lst):
    pc = 0
    i = 0
    acc = 0
    while i < n:
        driver.jit_merge_point(pc=pc, i=i, acc=acc, n=n, lst=lst)
        if i % 7 == 3:
            acc -= total(lst) // 3
        else:
            acc += total(lst) + i
        i += 1
        driver.can_enter_jit(pc=pc, i=i, acc=acc, n=n, lst=lst)
    return acc


def entry_point(argv):
    lst = None
    for k in range(int(argv[2])):
        lst = Node(k, lst)
    print(run(int(argv[1]), lst))
    print(total(lst))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
