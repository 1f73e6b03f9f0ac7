# error: 4:11: int is not
def entry_point(argv):
    n = len(argv)
    print(n(1))
    return 0
