# exit: 1
# stderr: RuntimeError
# An uncaught exception created without a message.


def entry_point(argv):
    print("before")
    raise RuntimeError()


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
