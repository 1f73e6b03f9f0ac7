# error: 15:11: two() takes 2 arguments but 1 were
def one(a):
    return a


def two(a, b):
    return a + b


OPS = [one, two]


def entry_point(argv):
    f = OPS[0]
    print(f(1))
    return 0
