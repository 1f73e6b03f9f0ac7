# error: 12:5: nested functions (closures) are not supported in rpy
# error: 18:12: name 'TABLE' is not defined
# error: 26:12: unsupported operand types for +: str and int
# error: 30:10: the items of this list are str here, but int at
# error: 40:9: 'v' is int here, but str at
# Independent mistakes found by the annotator are all reported in one run:
# every function outside the run-time dialect the entry point reaches
# (not the one it never calls), and type errors in independent code; the
# code that depends on a value with an error is not checked again (no
# cascade of errors caused by the first one).
def helper(x):
    def inner(y):
        return y + 1
    return inner(x)


def lookup(key):
    return TABLE[key]


def unused():
    return UNDEFINED_TOO


def label(n):
    return "n=" + n


def names():
    xs = ["a", "b"]
    xs.append(3)
    out = ""
    for x in xs:
        out += x.upper()
    return out


def pick(flag):
    if flag:
        v = 1
    else:
        v = "one"
    return v.upper()


def entry_point(argv):
    n = len(argv)
    helper(n)
    lookup(n)
    print(label(n))
    print(names())
    print(pick(n > 1))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
