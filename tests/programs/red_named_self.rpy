# A red named `self` (a method holding the dispatch loop) works in every
# mode, the CPython shim included.
from rpy.jit import JitDriver

driver = JitDriver(greens=[], reds=['i', 'self', 'n'])


class M(object):
    def __init__(self):
        self.n = 0

    def run(self, n):
        i = 0
        while i < n:
            driver.jit_merge_point(i=i, self=self, n=n)
            self.n += i
            i += 1
            driver.can_enter_jit(i=i, self=self, n=n)
        return self.n


def entry_point(argv):
    print(M().run(1000))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
