# error: 6:8: instances of exception classes cannot be prebuilt yet
class Stop(Exception):
    pass


STOP = Stop()


def entry_point(argv):
    try:
        raise STOP
    except Stop:
        print("stopped")
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
