# error: 4:5: dict keys must be ints, strs or instances, not
def entry_point(argv):
    d = {}
    d[1.5] = 2
    print(len(d))
    return 0
