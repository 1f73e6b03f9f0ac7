# error: 4:11: str.zfill() needs an int argument, not str
def entry_point(argv):
    s = argv[0]
    print(s.zfill(s))
    return 0


def target(*args):
    return entry_point, None
