# Tuples: literals, unpacking, (1,) printing, tuples as return values,
# swapping, heterogeneous tuples, tuples in lists.


def divmod_(a, b):
    return a // b, a % b


def min_max(xs):
    lo = xs[0]
    hi = xs[0]
    for x in xs:
        if x < lo:
            lo = x
        if x > hi:
            hi = x
    return (lo, hi)


def describe(p):
    name, age = p
    return name + " is " + str(age)


def entry_point(argv):
    t = (1, 2, 3)
    print(t, len(t), t[0], t[-1])
    one = (1,)
    print(one, len(one))
    mixed = (1, "a", 2.5, True)
    print(mixed)
    print((("x", 1), ("y", 2)))
    a, b = 10, 20
    print(a, b)
    a, b = b, a
    print(a, b)
    q, r = divmod_(17, 5)
    print(q, r)
    q, r = divmod_(-17, 5)
    print(q, r)
    print(divmod_(100, 7))
    lo, hi = min_max([5, -2, 9, 0])
    print(lo, hi)
    people = [("ann", 31), ("bob", 27)]
    for p in people:
        print(describe(p))
    people.append(("cy", 40))
    print(people)
    x, y, z = t
    print(x + y + z)
    pair = ("k", [1, 2])
    key, vals = pair
    vals.append(3)
    print(pair)
    print(str((1, 2)), str(one))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
