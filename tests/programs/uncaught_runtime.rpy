# exit: 1
# stderr: RuntimeError: internal failure 3
# An uncaught RuntimeError raised explicitly, with finally blocks running
# on the way out.


def step(n):
    try:
        if n == 3:
            raise RuntimeError("internal failure " + str(n))
        print("step", n)
    finally:
        print("cleanup", n)


def entry_point(argv):
    for i in range(5):
        step(i)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
