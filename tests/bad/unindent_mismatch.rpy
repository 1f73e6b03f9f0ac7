# error: 5:7: unindent does not match
def entry_point(argv):
    if len(argv) > 5:
        x = 1
      return x
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
