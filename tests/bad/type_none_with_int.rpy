# error: 8:5: the return value of find() is None here, but int at
def find(xs, v):
    i = 0
    while i < len(xs):
        if xs[i] == v:
            return i
        i += 1
    return None


def entry_point(argv):
    print(find([1, 2], 2))
    return 0
