# The str and list methods of the one method table, in every mode:
# find/rfind/index/rindex with bounds, split with maxsplit, ljust, rjust,
# zfill, list.clear.


def entry_point(argv):
    s = "hello world, hello rpy"
    print(s.find("hello", 1), s.find("o", 5, 8), s.rfind("hello"), s.rfind("l", 0, 4))
    print(s.index("world"), s.rindex("o"), s.rfind("zz"), s.find("", 30))
    print(s.split(" ", 1), s.split(None, 2), "  a  b  ".split(None, 1))
    print("[" + "ab".ljust(5) + "]", "[" + "ab".rjust(5, "*") + "]", "-7".zfill(4))
    try:
        print(s.rindex("zz"))
    except ValueError as e:
        print("ValueError:", str(e))
    try:
        print("x".ljust(3, "ab"))
    except TypeError as e:
        print("TypeError:", str(e))
    xs = [1, 2, 3]
    xs.clear()
    xs.append(4)
    print(xs, len(xs))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
