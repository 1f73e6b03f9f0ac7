# The truth of a module-level list or dict is not a constant: the program
# may empty or fill it (bool(T), `if T:`, `not T`, `T or x`).

T = ['a', 'b', 'c']
D = {}


def drain():
    while len(T) > 0:
        del T[0]
    D['k'] = 1


def entry_point(argv):
    print(bool(T), not D, len(T))
    drain()
    print(bool(T), not D, len(T), len(D))
    if T:
        print('still full')
    else:
        print('empty now')
    if D:
        print('filled')
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
