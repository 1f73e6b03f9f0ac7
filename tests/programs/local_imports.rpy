# Function-local imports (run once, when import time ends, as RPython runs
# them when it builds the graph): a library module, a circular import
# between two modules, `import m` and `from m import a as b` inside a
# function, rpy.streamio reading a file, and import-time-only functions
# with *args and **kwargs building a table (only import time calls them).
# Also an `__eq__` that nothing compares with (an ordinary method).
from local_imports_lib import a
from rpy.jit import JitDriver

driver = JitDriver(greens=[], reds=["i", "n", "total"])

SELF = __file__


def table(*names, **extra):
    out = {}
    for i, n in enumerate(names):
        out[n] = i
    for k in extra:
        out[k] = extra[k]
    return out


OPS = table("push", "pop", "add", halt=99)


class Op(object):
    def __init__(self, code):
        self.code = code

    def __eq__(self, other):
        "NOT_RPYTHON"
        return self.code == other.code


def first_line(path):
    from rpy.streamio import open_file_as_stream
    f = open_file_as_stream(path)
    line = f.readline()
    rest = f.readall()
    f.close()
    return line, len(rest) > 0


def sum_pairs(n):
    from local_imports_lib.b import make_pair as mk
    i = 0
    total = 0
    while i < n:
        driver.jit_merge_point(i=i, n=n, total=total)
        p = mk(i)
        total += p.y - p.x
        i += 1
    return total


def entry_point(argv):
    import os
    print(a.describe(1), a.describe(2))
    print(OPS["push"], OPS["add"], OPS["halt"])
    line, more = first_line(SELF)
    os.write(1, line)
    print(more)
    print(sum_pairs(1000))
    print(Op(3).__eq__(Op(3)))
    return 0


def target(*args):
    return entry_point, None


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
