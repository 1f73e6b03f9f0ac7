# error: 3:9: the values of this dict are int here, but float at
def entry_point(argv):
    d = {"a": 1}
    d["b"] = 2.5
    print(len(d))
    return 0
