# Lists and dicts whose items are only ever None, or that stay empty.
class Box(object):
    def __init__(self):
        self.slots = [None] * 2
        self.names = {}


def entry_point(argv):
    e = []
    try:
        e.pop()
    except IndexError:
        print('pop empty IndexError')
    print([], {}, len(e), e == [], [x for x in e])
    d = {}
    print(len(d), 1 in d, d.get(1, None))
    for k in d:
        print(k)
    for k, v in d.items():
        print(k, v)
    n = [None]
    print(n)
    n.append(None)
    print(n, len(n), n[0] is None, n[-1] is not None)
    x = n.pop()
    print(x, n)
    dd = {1: None}
    print(dd, dd.get(2, None), list(dd.values()))
    print([None] * 3, [] + [], n + n)
    b = Box()
    print(b.slots, b.names, len(b.slots))
    try:
        print(e[0])
    except IndexError as err:
        print('IndexError', str(err))
    try:
        print(d[5])
    except KeyError:
        print('KeyError')
    return 0

if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
