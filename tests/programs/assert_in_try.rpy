# `assert True` (a constant test) inside try/except, also inside a loop:
# the failing path is dead code, so it neither drops the other variables
# at the handler nor names a hidden variable; a real assert still raises.


def check(n):
    try:
        assert n > 0, "must be positive"
        return n
    except AssertionError:
        return -1


def entry_point(argv):
    x = len(argv)
    try:
        assert True
        print(x)
    except ValueError:
        print("no")
    i = 0
    while i < 3:
        try:
            assert True
            assert 1, "never"
            i += 1
        except ValueError:
            pass
    print(i, x, check(5), check(0))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
