# exit: 1
# stderr: KeyError: 'missing'
# An uncaught KeyError from a dict lookup.

ENV = {"present": 1}


def lookup(name):
    return ENV[name]


def entry_point(argv):
    print(lookup("present"))
    print(lookup("missing"))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
