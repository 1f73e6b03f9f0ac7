# exit: 1
# stderr: OSError: disk on fire
# An uncaught OSError raised explicitly.


def save(name):
    if name == "bad":
        raise OSError("disk on fire")
    print("saved", name)


def entry_point(argv):
    save("good")
    save("bad")
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
