# error: 8:11: add() takes 2 positional arguments but 3 were given
def add(a, b):
    return a + b


def entry_point(argv):
    x = 1
    print(add(x, 2, 3))
    return 0
