# The GC test and benchmark (issue 6): a long-lived linked list of 100,000
# cells and a dict of 10,000 strings are checksummed, then a JIT-compiled
# loop makes N rounds of short-lived instances, lists and strings (about
# five allocations a round), then the long-lived structures are
# checksummed again: both sums must be unchanged.  `churn N [CELLS]`
# (defaults 100000 rounds, 100000 cells and CELLS / 10 strings).
from rpy.jit import JitDriver


class Cell(object):
    def __init__(self, value, next):
        self.value = value
        self.next = next


class Point(object):
    def __init__(self, x, y):
        self.x = x
        self.y = y


def build_list(n):
    head = None
    i = 0
    while i < n:
        head = Cell(i, head)
        i += 1
    return head


def list_sum(head):
    s = 0
    c = head
    while c is not None:
        s += c.value
        c = c.next
    return s


def build_dict(n):
    d = {}
    i = 0
    while i < n:
        d["key" + str(i)] = "value" + str(i * 7)
        i += 1
    return d


def dict_sum(d):
    s = 0
    for k in d:
        s += len(k) + len(d[k])
    return s


driver = JitDriver(greens=[], reds=['i', 'n', 'acc'])


def churn(n):
    acc = 0
    i = 0
    while i < n:
        driver.jit_merge_point(i=i, n=n, acc=acc)
        p = Point(i, i + 1)
        xs = [p.x, p.y, i % 7]
        s = str(xs[2])
        acc += len(xs) + len(s) + p.y - p.x
        i += 1
    return acc


def entry_point(argv):
    n = 100000
    cells = 100000
    if len(argv) > 1:
        n = int(argv[1])
    if len(argv) > 2:
        cells = int(argv[2])
    head = build_list(cells)
    d = build_dict(cells // 10)
    before = list_sum(head) + dict_sum(d)
    acc = churn(n)
    after = list_sum(head) + dict_sum(d)
    print(before)
    print(acc)
    print(before == after)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
