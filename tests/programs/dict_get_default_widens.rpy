# dict.get/dict.pop with a default: the default widens the dict's values
# (as in RPython), so a longer default of a dict of one-character strs is
# returned whole, get(k) without a default may give None, and a dict
# never stored into takes the default's type.


def entry_point(argv):
    d = {}
    d["a"] = "x"
    d["b"] = "y"
    print(d.get("k", "abc"), d.get("a", "abc"), d.get("b"), d.get("zz"))
    print(d.pop("k", "zz"), d.pop("a", "zz"), len(d))
    e = {}
    print(e.get("k", 5), e.get("j", 6) + 1)
    f = {}
    f[1] = "q"
    print(f.pop(2, "long"), f.pop(1, "w"), len(f))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
