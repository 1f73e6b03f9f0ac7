# A method called through the base type fills a missing argument with the
# default of the implementation the receiver's class resolves to (each
# override keeps its own default), also through keywords and in a hot loop.
from rpy.jit import JitDriver

driver = JitDriver(greens=[], reds=['i', 'n', 'qs', 'acc'])


class A(object):
    def f(self, y=2, z=1):
        return y + z

    def g(self, k=3):
        return k


class B(A):
    def f(self, y=5, z=1):
        return y * 10 + z

    def g(self, k=3):
        return k * 2


class C(B):
    def f(self, y=7, z=4):
        return y * 100 + z


def loop(qs, n):
    i = 0
    acc = 0
    while i < n:
        driver.jit_merge_point(i=i, n=n, qs=qs, acc=acc)
        acc += qs[i % 3].f() + qs[i % 3].g()
        i += 1
    return acc


def entry_point(argv):
    qs = [A(), B(), C()]
    for q in qs:
        print(q.f(), q.f(1), q.f(z=9), q.f(y=0), q.g())
    print(loop(qs, 3000))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
