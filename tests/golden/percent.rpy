# str % args: a tuple read from its newtuple, plain %s/%d as str(),
# conversions with flags as rpy_format_* calls given their spec, constant
# arguments formatted at translation time, %c of a str checked at run time.
from rpy.jit import JitDriver

driver = JitDriver(greens=[], reds=['i', 'n', 'out'])


def row(name, x, i):
    return "%s: %6.2f [%x] %d%%" % (name, x, i, 7)


def run(n):
    out = ""
    i = 0
    while i < n:
        driver.jit_merge_point(i=i, n=n, out=out)
        out = row("r", i / 4.0, i) + "%c%r" % (out[:1], out[-1:])
        i += 1
    return out


def entry_point(argv):
    print(run(len(argv) + 3))
    return 0


def target(*args):
    return entry_point, None
