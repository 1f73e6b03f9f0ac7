# Sorting and searching algorithms: insertion sort, quicksort, merge sort,
# heap sort, counting sort, binary search, sieve of Eratosthenes, a simple
# LCG to generate deterministic data, and sorting strings and records.


class Rng(object):
    def __init__(self, seed):
        self.state = seed

    def next(self, bound):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return self.state % bound


def insertion_sort(xs):
    for i in range(1, len(xs)):
        key = xs[i]
        j = i - 1
        while j >= 0 and xs[j] > key:
            xs[j + 1] = xs[j]
            j -= 1
        xs[j + 1] = key


def partition(xs, lo, hi):
    pivot = xs[hi]
    i = lo
    for j in range(lo, hi):
        if xs[j] < pivot:
            xs[i], xs[j] = xs[j], xs[i]
            i += 1
    xs[i], xs[hi] = xs[hi], xs[i]
    return i


def quicksort(xs, lo, hi):
    if lo < hi:
        p = partition(xs, lo, hi)
        quicksort(xs, lo, p - 1)
        quicksort(xs, p + 1, hi)


def merge_sort(xs):
    if len(xs) <= 1:
        return xs
    mid = len(xs) // 2
    left = merge_sort(xs[:mid])
    right = merge_sort(xs[mid:])
    out = []
    i = 0
    j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out


def sift_down(xs, start, end):
    root = start
    while 2 * root + 1 <= end:
        child = 2 * root + 1
        if child + 1 <= end and xs[child] < xs[child + 1]:
            child += 1
        if xs[root] < xs[child]:
            tmp = xs[root]
            xs[root] = xs[child]
            xs[child] = tmp
            root = child
        else:
            return


def heap_sort(xs):
    n = len(xs)
    start = (n - 2) // 2
    while start >= 0:
        sift_down(xs, start, n - 1)
        start -= 1
    end = n - 1
    while end > 0:
        tmp = xs[0]
        xs[0] = xs[end]
        xs[end] = tmp
        end -= 1
        sift_down(xs, 0, end)


def counting_sort(xs, bound):
    counts = [0] * bound
    for x in xs:
        counts[x] += 1
    out = []
    for v in range(bound):
        out.extend([v] * counts[v])
    return out


def binary_search(xs, target):
    lo = 0
    hi = len(xs) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if xs[mid] == target:
            return mid
        elif xs[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


def sieve(n):
    is_p = [True] * (n + 1)
    is_p[0] = False
    is_p[1] = False
    i = 2
    while i * i <= n:
        if is_p[i]:
            for j in range(i * i, n + 1, i):
                is_p[j] = False
        i += 1
    return [k for k in range(n + 1) if is_p[k]]


def sort_strings(words):
    for i in range(1, len(words)):
        j = i
        while j > 0 and words[j] < words[j - 1]:
            words[j], words[j - 1] = words[j - 1], words[j]
            j -= 1


def same(xs, ys):
    if len(xs) != len(ys):
        return False
    for i in range(len(xs)):
        if xs[i] != ys[i]:
            return False
    return True


def is_sorted(xs):
    for i in range(len(xs) - 1):
        if xs[i] > xs[i + 1]:
            return False
    return True


def entry_point(argv):
    rng = Rng(42)
    data = [rng.next(1000) for i in range(200)]
    print(data[:10])
    a = list(data)
    insertion_sort(a)
    b = list(data)
    quicksort(b, 0, len(b) - 1)
    c = merge_sort(data)
    d = list(data)
    heap_sort(d)
    e = counting_sort(data, 1000)
    print(a[:8], a[-3:])
    print(is_sorted(a), same(a, b), same(b, c), same(c, d), same(d, e),
          is_sorted(data), same(a, data))
    print(binary_search(a, a[57]) >= 0, binary_search(a, 1001))
    primes = sieve(100)
    print(len(primes), primes[-5:])
    print(binary_search(primes, 61), binary_search(primes, 62))
    words = "the quick brown fox jumps over the lazy dog".split()
    sort_strings(words)
    print(words)
    neg = [5, -3, 0, -10, 7, -3]
    quicksort(neg, 0, len(neg) - 1)
    print(neg)
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
