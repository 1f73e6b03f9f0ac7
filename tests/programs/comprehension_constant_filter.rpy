# List comprehensions whose filter is a constant: false builds an empty
# list (nothing is appended), true filters nothing; nested generators too.


def entry_point(argv):
    xs = [1, 2, 3]
    ys = [x for x in xs if False]
    print(len(ys), ys)
    zs = [x * 2 for x in xs if True if x > 1]
    print(zs)
    ws = [x + y for x in xs if x != 2 for y in xs if False]
    print(ws)
    vs = [x for x in xs if 0]
    vs.append(4)
    print(vs)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
