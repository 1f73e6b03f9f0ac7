# error: 3:10: the items of this list are int here, but str at
def entry_point(argv):
    xs = [1, 2, 3]
    xs.append("four")
    print(len(xs))
    return 0
