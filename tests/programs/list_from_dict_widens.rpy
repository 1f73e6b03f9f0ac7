# Lists made from a dict's keys, values or items, or copied with list(),
# that later hold longer strs: the source widens with them (RPython's
# offspring), so no items are converted.
def entry_point(argv):
    d = {"a": 9, "b": 8}
    ks = list(d.keys())
    ks.append("long")
    vs = list({1: "x"}.values())
    vs.append("yy")
    it = list({"k": "v"}.items())
    it.append(("kk", "vv"))
    ls = list(d)
    ls.append("zzz")
    cp = list(ks)
    cp.append("www")
    print(ks, vs, it, ls, cp)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
