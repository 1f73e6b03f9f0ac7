# error: 4:9: the return value of parse() is int here, but str at
def parse(s):
    if s == "":
        return 0
    return s


def entry_point(argv):
    print(parse(argv[0]))
    return 0
