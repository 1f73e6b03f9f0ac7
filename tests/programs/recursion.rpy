# Recursion: fib, ackermann (small), mutual recursion, recursion over lists,
# hanoi, gcd, power set size, recursion depth of several hundred.

MEMO = {0: 0, 1: 1}


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def fib_memo(n):
    if n in MEMO:
        return MEMO[n]
    r = fib_memo(n - 1) + fib_memo(n - 2)
    MEMO[n] = r
    return r


def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))


def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)


def hanoi(n, src, dst, via, moves):
    if n == 0:
        return
    hanoi(n - 1, src, via, dst, moves)
    moves.append(src + dst)
    hanoi(n - 1, via, dst, src, moves)


def sum_list(xs, i):
    if i >= len(xs):
        return 0
    return xs[i] + sum_list(xs, i + 1)


def flatten(depth):
    if depth == 0:
        return ["leaf"]
    left = flatten(depth - 1)
    right = flatten(depth - 1)
    return left + ["node" + str(depth)] + right


def permutations(items):
    if len(items) <= 1:
        return [items]
    result = []
    for i in range(len(items)):
        rest = items[:i] + items[i + 1:]
        for p in permutations(rest):
            result.append([items[i]] + p)
    return result


def count_down(n):
    if n == 0:
        return 0
    return 1 + count_down(n - 1)


def entry_point(argv):
    print([fib(i) for i in range(15)])
    print(fib(20))
    print(fib_memo(90))
    print(ack(2, 3), ack(3, 3))
    print(is_even(10), is_odd(10), is_even(7), is_odd(7))
    print(gcd(1071, 462), gcd(17, 5), gcd(0, 9))
    moves = []
    hanoi(4, "A", "C", "B", moves)
    print(len(moves), moves[:5])
    print(sum_list([1, 2, 3, 4, 5], 0))
    print(flatten(2))
    print(permutations(["a", "b", "c"]))
    print(count_down(900))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
