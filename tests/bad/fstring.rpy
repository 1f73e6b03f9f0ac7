# error: 4:11: f-strings
def entry_point(argv):
    n = 3
    print(f"n = {n}")
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
