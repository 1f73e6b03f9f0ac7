# A class attribute that defaults to None (or a constant) and is later set
# on an instance is a field: reads before and after the assignment see the
# class default and then the instance's value, also in a hot loop
# (PyPy's tinyframe reads such a name this way).
from rpy.jit import JitDriver

driver = JitDriver(greens=[], reds=['i', 'n', 'p', 'acc'])


class P(object):
    name = None
    count = 5
    label = "dflt"

    def check(self):
        print(self.name is None, self.count, self.label)


class Q(P):
    count = 7


def loop(p, n):
    i = 0
    acc = 0
    while i < n:
        driver.jit_merge_point(i=i, n=n, p=p, acc=acc)
        if p.name is None:
            acc += p.count
        else:
            acc += len(p.name)
        if i == n // 2:
            p.name = "abc"
        i += 1
    return acc


def entry_point(argv):
    p = P()
    p.check()
    q = Q()
    q.check()
    p.name = "set"
    p.count = 9
    p.check()
    q.check()
    q.label = "qq"
    q.check()
    p.check()
    print(loop(Q(), 1000))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
