# error: 4:11: / on ints: rpy's / is for floats only; use // for integer
def entry_point(argv):
    n = len(argv)
    print(n / 2)
    return 0
