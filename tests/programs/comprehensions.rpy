# List comprehensions with if and nested for, conditional expressions,
# chained comparisons.

DATA = [5, -3, 8, 0, 12, -7, 3]


def sign(x):
    return "pos" if x > 0 else "neg" if x < 0 else "zero"


def clamp(x, lo, hi):
    return lo if x < lo else (hi if x > hi else x)


def entry_point(argv):
    print([x * x for x in range(6)])
    print([x for x in DATA if x > 0])
    print([x + 1 for x in DATA if x % 2 == 0 if x != 0])
    print([(i, j) for i in range(3) for j in range(3) if i < j])
    print([str(x) + c for x in [1, 2] for c in "ab"])
    print([c.upper() for c in "hello" if c != "l"])
    print([w[0] for w in "the quick brown fox".split()])
    print([[r * 3 + c for c in range(3)] for r in range(2)])
    print([sign(x) for x in DATA])
    print([clamp(x, -2, 6) for x in DATA])
    print([len(w) for w in ["a", "bb", "ccc"]])
    matrix = [[1, 2, 3], [4, 5, 6]]
    print([row[1] for row in matrix])
    print([x for row in matrix for x in row if x % 2 == 1])
    d = {"a": 1, "b": 2, "c": 3}
    print([k for k in d if d[k] >= 2])
    print([k + "=" + str(v) for k, v in d.items()])
    print([i * c for i, c in enumerate([10, 20, 30])])
    x = 5
    print(1 < x < 10, 1 < x < 3, 0 <= x <= 5 < 6, 5 == x == 5)
    print(3 > x > 1, 10 > x >= 5 > 4 > 3)
    a = 1
    b = 2
    c = 3
    print(a < b < c, a < b > c, a == b < c, a != b != a)
    y = 10 if x > 3 else 20
    z = "big" if x > 100 else "small"
    print(y, z)
    w = (x * 2) if (x % 2 == 1) else (x // 2)
    print(w)
    print("even" if x % 2 == 0 else "odd", sign(0), sign(-4))
    evens = [n for n in range(20) if n % 2 == 0]
    total = 0
    for n in evens:
        total += n
    print(evens, total)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
