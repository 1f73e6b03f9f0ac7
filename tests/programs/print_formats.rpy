# print with several args, sep= and end=, printing lists/tuples/None and
# nested lists of strs (repr quotes), str(x) of each type.


class Point(object):
    def __init__(self, x, y):
        self.x = x
        self.y = y


def maybe_name(flag):
    if flag:
        return "named"
    return None


def entry_point(argv):
    print("a", 1, 2.5, True, None)
    print()
    print("x", "y", "z", sep="")
    print("x", "y", "z", sep=", ")
    print("no newline", end="")
    print(" -- continued")
    print("a", "b", sep="-", end="!\n")
    print(1, 2, 3, sep=" < ", end=" ...\n")
    print("", end="")
    print("end with empty", end="")
    print()
    print(["a", "b"], [1, 2], [1.5], [True, False])
    print([["a", "b"], ["c"]], [[1], [2, 3]])
    print(("a", 1), ("solo",))
    print(None)
    s = maybe_name(True)
    n = maybe_name(False)
    print(s, n)
    print([s, n])
    print(str(42), str(-7), str(True), str(False), str(2.5), str("s"))
    print(str(None), str([1, 2]), str(["a"]), str((1, "b")))
    print(str(0.1) + "|" + str(100) + "|" + str(1e16))
    print("[" + str(["q"]) + "]")
    print(len(str(12345)), len(str([1, 2])))
    print(("x", "y"), [("p", 1)])
    print([[["deep"]]])
    ints = [0]
    ints.pop()
    grid = [ints]
    print(ints, grid)
    empty_strs = ["x"]
    empty_strs.pop()
    print(empty_strs, [""], ["", ""])
    p = Point(1, 2)
    print(p.x, p.y, sep=",")
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
