# str % formatting: every conversion (%s %r %d %i %u %x %X %o %c %f %F %e
# %E %g %G %%), the flags - 0 + space #, width and precision, one value
# or a tuple of ints, floats, strs, chars, bools, None, exceptions, lists,
# dicts and tuples; constant arguments (formatted at translation time),
# run-time ones, a format from a module-level constant, in a hot loop, at
# module level (import time, where any format string is allowed and its
# errors are Python exceptions) and the errors that only run time can
# know (%c of a str that is not one character, %d of nan or inf), also
# raised inside a JIT loop.
from rpy.jit import JitDriver

driver = JitDriver(greens=[], reds=['i', 'n', 'acc', 'bad'])

BANNER = "%s v%d" % ("rpy", 3)
ROW = "[%-6s|%6.2f]"
PIECES = "%s=%r" % ("k", "v") + " %5.1f%%" % 99.44


def import_error(fmt, args):
    try:
        return fmt % args
    except TypeError as e:
        return "TypeError: " + str(e)
    except ValueError as e:
        return "ValueError: " + str(e)


IMPORT_ERRORS = [
    import_error("%s %s", (1,)),
    import_error("%s", (1, 2)),
    import_error("%d", "x"),
    import_error("%x", 1.5),
    import_error("%f", None),
    import_error("%q", 1),
    import_error("50%", ()),
    import_error("%s" + "-%d" * 2, ("a", 1, 2)),
]


class Boom(Exception):
    pass


def ints(n):
    print("%d|%5d|%-5d|%05d|%+d|% d|%.3d|%i|%u" % (n, n, n, n, n, n, n, n, n))
    print("%x|%X|%#x|%#X|%o|%#o|%08x|%-#8o|%+x" % (n, n, n, n, n, n, n, n, n))


def floats(f):
    print("%f|%.2f|%10.3f|%-10.1f|%010.2f|%+.1f|% .0f|%#.0f|%F" % (f, f, f, f, f, f, f, f, f))
    print("%e|%.3E|%g|%G|%.3g|%#g|%10.4g|%-+12.2e|" % (f, f, f, f, f, f, f, f))


def strs(s):
    print("%s|%r|%5s|%-5s|%.2s|%7r|%.3r|" % (s, s, s, s, s, s, s))


def chars(word):
    out = ""
    for ch in word:
        out += "%c%3c%-3c|%r" % (ch, ch, ch, ch)
    print(out)


def maybe(z):
    if z > 5:
        return None
    return "here"


def one_char(s):
    try:
        return "%c" % s
    except TypeError as e:
        return "TypeError: " + str(e)


def as_int(f):
    try:
        return "%d" % f
    except ValueError as e:
        return "ValueError: " + str(e)
    except OverflowError as e:
        return "OverflowError: " + str(e)


def code_point(i):
    try:
        return "%c" % i
    except OverflowError as e:
        return "OverflowError: " + str(e)


def loop(n):
    acc = ""
    fmt = "%s%d;"
    bad = 0
    i = 0
    while i < n:
        driver.jit_merge_point(i=i, n=n, acc=acc, bad=bad)
        acc = fmt % (acc[-12:], i % 7) + "%-5.1f|%x" % (i / 8.0, i)
        try:
            acc += "%c" % ("ab"[: i % 3])
        except TypeError:
            bad += 1
        i += 1
    return "%s (%d bad)" % (acc, bad)


def entry_point(argv):
    z = len(argv) - 1
    print(BANNER)
    print(PIECES)
    for e in IMPORT_ERRORS:
        print(e)
    for n in [0, 7, -42, 255, 9223372036854775807, -9223372036854775807 - 1]:
        ints(n + z)
    for f in [0.0, -0.0, 3.14159, -2.5, 2.5, 0.125, 1e-05, 123456789.0, 1e22, 5e-324]:
        floats(f + z)
    for name in ["inf", "-inf", "nan"]:
        floats(float(name))
    for s in ["", "a", "it's", "hello", 'say "hi"']:
        strs(s)
    chars("a'b")
    # one value, or a tuple of one
    print("%d" % z, "%d" % (z,), "%s" % "x", "%s" % ("x",))
    print("%d%% done, 100%%" % (z + 50))
    print("%%" % ())
    # constants: formatted at translation time
    print("%05.1f|%x|%r|%c" % (2.25, 255, "q", 33))
    # bools, None, a str or None
    print("%s %r %d %x %f %c" % (True, False, True, True, False, True))
    print("%s|%r|%6s|%-6s|" % (None, None, None, None))
    print("%s and %s" % (maybe(z), maybe(z + 10)))
    # floats as ints, ints as floats
    print("%d|%i|%5d|%u" % (3.7 + z, -3.7 + z, 0.9999 + z, 1e18 + z))
    print("%f|%e|%g|%.1f" % (z, z + 1, z - 7, z + 10))
    # exceptions, lists, dicts, tuples
    e = ValueError("boom")
    b = Boom("bang")
    print("%s / %r / %s / %r / %10s" % (e, e, b, b, b))
    xs = [1, 2 + z]
    print("%s and %r, %s" % (xs, {"k": z}, (z, "a")))
    print("%s" % xs)
    print("no conversions" % xs)
    print(ROW % ("pi", 3.14159 + z))
    print(ROW % ("e", 2.71828 + z))
    print("%-3s|%3s|%s" % ("a", "b", ""))
    # the errors run time raises
    for s in ["x", "", "ab"]:
        print(one_char(s))
    print(one_char(maybe(z + 10)))
    for name in ["nan", "inf", "-inf", "1e3"]:
        print(as_int(float(name)))
    for i in [65, 0, -1, 1114112]:
        print("%r" % code_point(i + z))
    print(loop(500 + z))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
