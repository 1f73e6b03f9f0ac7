# Loops: range with 1/2/3 args incl. negative step, enumerate, while/else
# and for/else with break, continue, nested loops, for over str and dict.


def find_first_multiple(xs, k):
    for x in xs:
        if x % k == 0:
            print("found", x)
            break
    else:
        print("no multiple of", k)


def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            break
        d += 1
    else:
        return True
    return False


def entry_point(argv):
    out = []
    for i in range(5):
        out.append(i)
    print(out)
    out = []
    for i in range(3, 8):
        out.append(i)
    print(out)
    out = []
    for i in range(0, 20, 5):
        out.append(i)
    print(out)
    out = []
    for i in range(10, 0, -3):
        out.append(i)
    print(out)
    out = []
    for i in range(5, -5, -2):
        out.append(i)
    print(out)
    out = []
    for i in range(0):
        out.append(i)
    for i in range(5, 2):
        out.append(i)
    for i in range(2, 5, -1):
        out.append(i)
    print(out, len(out))
    n = 4
    for i in range(n * 2, n, -1):
        print(i, end=" ")
    print()
    for i, w in enumerate(["zero", "one", "two"]):
        print(i, w)
    for i, c in enumerate("ab"):
        print(i, c)
    find_first_multiple([3, 5, 14, 21], 7)
    find_first_multiple([3, 5, 11], 7)
    primes = []
    for k in range(30):
        if is_prime(k):
            primes.append(k)
    print(primes)
    i = 0
    while i < 10:
        i += 1
        if i % 2 == 0:
            continue
        if i > 7:
            break
        print("odd", i)
    else:
        print("while finished without break")
    j = 0
    while j < 3:
        j += 1
    else:
        print("while-else ran, j =", j)
    for i in range(3):
        pass
    else:
        print("for-else ran, i =", i)
    table = ""
    for r in range(1, 4):
        for c in range(1, 4):
            if c > r:
                break
            table += str(r * c) + " "
        table += "| "
    print(table)
    count = 0
    for a in range(5):
        for b in range(5):
            if a == b:
                continue
            for c in range(5):
                if c == a or c == b:
                    continue
                count += 1
    print("permutations", count)
    k = 100
    steps = 0
    while k != 1:
        if k % 2 == 0:
            k = k // 2
        else:
            k = 3 * k + 1
        steps += 1
    print("collatz steps", steps)
    d = {"x": 1, "y": 2}
    for key in d:
        print(key, d[key])
    while True:
        steps -= 7
        if steps < 0:
            break
    print("after while True", steps)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
