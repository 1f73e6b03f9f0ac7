# Builtins at every argument count of the one arity table: int(s, base),
# str(), bool(), in every mode.


def entry_point(argv):
    k = len(argv)
    print(int("ff", 16), int("0x1f", 0), int("101", 2), int(" -z ", 36), int("7", 8 + k))
    print("[" + str() + "]", bool(), str(k), bool(k))
    try:
        print(int("12", 1))
    except ValueError as e:
        print("ValueError:", str(e))
    try:
        print(int("9", 8))
    except ValueError as e:
        print("ValueError:", str(e))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
