# error: 4:11: str.count() takes 1 argument, 2 given
def entry_point(argv):
    s = argv[0]
    print(s.count("a", 1))
    return 0


def target(*args):
    return entry_point, None
