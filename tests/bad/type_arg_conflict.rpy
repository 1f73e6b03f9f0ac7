# error: 7:11: argument 'x' of double() is int here, but str at
def double(x):
    return x + x


def entry_point(argv):
    print(double(2))
    print(double("ab"))
    return 0
