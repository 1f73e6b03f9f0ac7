# exit: 1
# stderr: ZeroDivisionError: integer division or modulo by zero
# An uncaught ZeroDivisionError from integer //.


def average(xs):
    total = 0
    for x in xs:
        total += x
    return total // len(xs)


def entry_point(argv):
    print(average([1, 2, 3]))
    empty = [0]
    empty.pop()
    print(average(empty))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
