# hash() of ints and floats is CPython's in every mode (mod 2**61 - 1,
# -1 hashes to -2, an integral float hashes as its int).


def entry_point(argv):
    k = len(argv)
    ints = [0, 1, -1, -2, k * 2 ** 62, -(2 ** 62) * 2, 2 ** 61 - 1, 2 ** 61]
    for i in ints:
        print(i, hash(i))
    floats = [0.0, -0.0, 0.5, -1.0, 3.0 * k, 1e300, -2.5e-8, 1e18 + k]
    for f in floats:
        print(f, hash(f))
    print(hash(True), hash(False), hash(7) == hash(7.0))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
