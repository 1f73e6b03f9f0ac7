# error: 7:11: referenced before assignment
def f(n):
    if n > 0:
        y = 1
    else:
        z = 2
    print(y)
    return 0


def entry_point(argv):
    return f(1)
