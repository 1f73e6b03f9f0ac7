# error: 4:9: the return value of pick() is int here, but str at
def pick(flag):
    if flag:
        a = 1
    else:
        a = "one"
    return a


def entry_point(argv):
    print(pick(len(argv) > 1))
    return 0
