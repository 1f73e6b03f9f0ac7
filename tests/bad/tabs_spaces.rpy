# error: 4:2: inconsistent use of tabs and spaces
def entry_point(argv):
    if len(argv) > 5:
	return 1
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
