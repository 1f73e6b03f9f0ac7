# error: 4:5: expected an indented block
def entry_point(argv):
    if len(argv) > 5:
    return 1
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
