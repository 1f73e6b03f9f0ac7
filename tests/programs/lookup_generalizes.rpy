# Lookups and slices of empty or narrower lists and dicts: the probe or
# the slice's other side gives the item type (as RPython generalizes).

class A(object):
    def __init__(self, v):
        self.v = v

class B(A):
    pass

class C(A):
    pass

def total(xs):
    n = 0
    for x in xs:
        n += x
    return n

def names(objs):
    return [o.v for o in objs]

def entry_point(argv):
    k = len(argv) - 1
    print(total([][k:]), total([1, 2, 3][k:]))
    print(names([B(1), B(2)][k:]), names([C(3)]))
    print(-1 in {}, 'a' in {}, 3 in [], [] == [])
    d = {}
    print(5 in d, len(d))
    xs = []
    print(xs.count(2), 4 in xs)
    b = B(7)
    bs = [b]
    print(C(1) in bs, b in bs, bs.index(b))
    fs = [1.5, 2.0]
    print(2 in fs, fs.index(2), fs)
    flags = [True, False]
    print(1 in flags, flags.count(0), flags)
    return 0

def target(*args):
    return entry_point, None

if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
