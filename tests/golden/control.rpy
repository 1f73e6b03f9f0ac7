# Control flow shapes: if/elif chains, loops, short-circuit logic.

def classify(n):
    if n == 0:
        return "zero"
    elif n == 1:
        return "one"
    elif n == 2:
        return "two"
    else:
        return "many"


def count(xs, limit):
    total = 0
    for i in range(0, len(xs)):
        if xs[i] > limit and i % 2 == 0:
            continue
        if xs[i] < 0 or xs[i] == limit:
            break
        total += xs[i]
    else:
        total = -1
    return total


def pairs(d):
    out = [k + v for k, v in d.items() if v > 0]
    for i, x in enumerate(out):
        print(i, x)
    n = 0
    while n < 3:
        n += 1
    return n if n > 2 else 0


def entry_point(argv):
    print(classify(len(argv)))
    print(count([1, 2, 3], 2))
    print(pairs({1: 2, 3: -4}))
    return 0
