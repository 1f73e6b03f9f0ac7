# exit: 1
# stderr: Exception: generic failure
# An uncaught plain Exception, re-raised by a bare raise.


def work():
    raise Exception("generic failure")


def entry_point(argv):
    try:
        work()
    except Exception:
        print("saw it, re-raising")
        raise
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
