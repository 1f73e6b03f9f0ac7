# error: 2:1: a prebuilt instance of the exception class Stop is not supported yet
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
