# Arguments are evaluated left to right, positional ones before keyword
# ones, in method calls and calls through a table of functions too.


def show(tag, v):
    print('eval', tag)
    return v


class P(object):
    def add(self, a, b=0, c=0):
        return a + b + c


def plus(a, b=0):
    return a - b


def minus(a, b=0):
    return a - b - 1


FUNCS = [plus, minus]


def entry_point(argv):
    p = P()
    print(p.add(show('a', 1), c=show('c', 3), b=show('b', 2)))
    f = FUNCS[len(argv) - 1]
    print(f(show('x', 10), b=show('y', 4)))
    try:
        print(p.add(show('first', 1), b=len(argv) >> -1))
    except ValueError as e:
        print('ValueError', str(e))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
