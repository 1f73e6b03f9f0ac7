# exit: 3
# entry_point returns a non-zero exit status (no exception).


def validate(xs):
    errors = 0
    for x in xs:
        if x < 0:
            print("invalid", x)
            errors += 1
    return errors


def entry_point(argv):
    errors = validate([1, -2, 3, -4, -5])
    print("errors", errors)
    if errors > 0:
        return errors
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
