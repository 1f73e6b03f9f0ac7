# exit: 1
# stderr: ValueError: invalid literal for int() with base 10: 'abc'
# An uncaught ValueError from int('abc') after some output.

INPUTS = ["12", "34", "abc", "56"]


def parse_all(items):
    total = 0
    for s in items:
        total += int(s)
        print("running total", total)
    return total


def entry_point(argv):
    print("start")
    print(parse_all(INPUTS))
    print("not reached")
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
