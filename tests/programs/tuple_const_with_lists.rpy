# Tuple constants holding prebuilt lists and dicts (a module-level table of
# (list, str) pairs): the lists exist only after setup() builds them.
T6 = [([2, 10, 5], 'a-b-a'), ([-894, 7], '..')]
P = ([1, 2], {"a": 1}, (["x"], 3))


def entry_point(argv):
    for xs, s in T6:
        print(xs, s, len(xs))
    a, d, inner = P
    a.append(3)
    print(P[0], d["a"], inner[0], P)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
