# error: 4:9: unsupported operand types for +: str and
def entry_point(argv):
    n = len(argv)
    s = "count: " + n
    print(s)
    return 0
