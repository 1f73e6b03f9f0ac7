# xs + ys, xs += ys and xs.extend(ys) where ys holds a subclass of xs's
# items, and lists of one-character and longer strs joined (as RPython:
# the operands take one item type).


class A(object):
    def __init__(self, v):
        self.v = v


class B(A):
    pass


def entry_point(argv):
    xs = [A(1)]
    ys = [B(2)]
    zs = xs + ys
    xs += ys
    xs.extend(ys)
    print(len(zs), len(xs), xs[2].v, zs[1].v)
    s = ["ab"] + ["x"]
    print(s)
    t = ["x", "y"]
    t.extend(["long"])
    t += ["zz"]
    print(t, len(t[0]))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
