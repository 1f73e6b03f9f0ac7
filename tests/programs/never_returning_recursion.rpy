# exit: 1
# stderr: RuntimeError: deep
# A recursive function that only ever leaves by raising: its result never
# exists, so the `+ 1` after the call never runs.
def f(n):
    if n == 0:
        raise RuntimeError('deep')
    return f(n - 1) + 1


def entry_point(argv):
    try:
        f(3)
    finally:
        print('finally ran')
    return 0


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
