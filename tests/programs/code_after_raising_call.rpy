# exit: 1
# stderr: IndexError
# A call that always raises ends its block: what follows it in the same
# block (a list made there, a comprehension) never runs and is not typed.


def fail(a, b='abc'):
    raise IndexError()


def use(n, xs):
    return n + len(xs)


def entry_point(argv):
    o = [1, 2]
    try:
        fail(len(argv), str(3.0))
        print(use(2, [o for c in range(7)]))
        print([1, 2, 3])
    except IndexError:
        print("index error")
    fail(1)
    print(use(1, [len(o)]))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
