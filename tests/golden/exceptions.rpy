# Exceptions: handlers, re-raise, finally on every way out.

class Error(Exception):
    pass


class Bad(Error):
    def __init__(self, code):
        self.code = code


def risky(xs, i):
    try:
        return xs[i]
    except IndexError:
        return -1
    except (KeyError, Bad) as e:
        raise
    finally:
        print("done")


def loop(n):
    i = 0
    while i < n:
        try:
            i += 1
            if i == 2:
                continue
            if i == 4:
                break
            assert i < 10, "too big"
        finally:
            print(i)
    return i


def entry_point(argv):
    print(risky([1], 3))
    try:
        raise Bad(3)
    except Error as e:
        print("caught")
    return loop(5)
