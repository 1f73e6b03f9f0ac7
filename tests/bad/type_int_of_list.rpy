# error: 3:11: int() of list[str] is not supported (int() takes a str, an
def entry_point(argv):
    print(int(argv))
    return 0
