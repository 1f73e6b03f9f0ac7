# exit: 1
# stderr: AssertionError
# An uncaught AssertionError without a message.


def entry_point(argv):
    xs = [1, 2, 3]
    assert len(xs) == 3
    print("first assert passed")
    xs.append(4)
    assert len(xs) == 3
    print("not reached")
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
