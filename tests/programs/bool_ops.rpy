# Booleans: printing, arithmetic (bool widens to int), bool(x), not,
# and/or short-circuit with visible side effects, is None / is not None.

LOG = []


def check(name, result):
    LOG.append(name)
    print("  eval", name)
    return result


def count_true(flags):
    n = 0
    for f in flags:
        n += f
    return n


def find_name(names, target):
    for n in names:
        if n == target:
            return n
    return None


def entry_point(argv):
    t = True
    f = False
    print(t, f)
    print(not t, not f, not not t)
    print(t and f, t or f, f or f, t and t)
    print(True + True, True * 7, False - 1, True + 5)
    print(count_true([True, False, True, True]))
    print(bool(0), bool(1), bool(-3), bool(""), bool("x"))
    empty = [1]
    empty.pop()
    print(bool(empty), bool([0]), bool(0.0))
    print(str(True), str(False))
    print(1 == 1, True == 1)
    print("and short-circuit:")
    r = check("a", False) and check("b", True)
    print(r)
    print("and full:")
    r = check("c", True) and check("d", False)
    print(r)
    print("or short-circuit:")
    r = check("e", True) or check("f", False)
    print(r)
    print("or full:")
    r = check("g", False) or check("h", True)
    print(r)
    print("log", LOG)
    x = 5
    if x > 3 and x < 10:
        print("in range")
    if not (x > 3 and x < 4):
        print("not narrow")
    if x < 0 or x == 5:
        print("neg or five")
    s = ""
    name = s or "default"
    print(name)
    name2 = "given" or "default"
    print(name2)
    n = 0 or 7
    m = 3 and 9
    print(n, m)
    found = find_name(["ann", "bob"], "bob")
    missing = find_name(["ann", "bob"], "zed")
    print(found is None, found is not None, missing is None)
    if missing is None:
        print("missing is None")
    if found is not None:
        print("found", found)
    print(missing)
    flags = [x > 2, x > 7, x == 5]
    print(flags)
    if flags[0] and not flags[1]:
        print("flags ok")
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
