# error: 3:5: with is not supported
def entry_point(argv):
    with argv as f:
        print(len(f))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
