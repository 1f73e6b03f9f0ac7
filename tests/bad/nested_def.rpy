# error: 3:5: nested functions
def entry_point(argv):
    def helper(x):
        return x + 1
    print(helper(1))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
