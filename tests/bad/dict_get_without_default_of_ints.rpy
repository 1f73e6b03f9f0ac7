# error: 4:5: the values of this dict are int here, but None at
def entry_point(argv):
    d = {}
    d["a"] = 1
    print(d.get("zz"))
    return 0


def target(*args):
    return entry_point, None
