# exit: 1
# stderr: DeepError: failed at depth 0
# An uncaught user-defined exception (subclass of a user base class)
# propagating through recursion and an `except` that does not match.


class BaseError(Exception):
    pass


class DeepError(BaseError):
    pass


class OtherError(BaseError):
    pass


def descend(n):
    print("depth", n)
    if n == 0:
        raise DeepError("failed at depth " + str(n))
    try:
        descend(n - 1)
    except OtherError:
        print("not this one")


def entry_point(argv):
    descend(3)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
